import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readRawOutput } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/sessionLocator';
import { formatSession } from '../../helpers/mapping';
import { fetchSession } from '../../helpers/sessions';

const properties: INodeProperties[] = [sessionLocator, outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const sessionId = readSessionId.call(this, itemIndex);
	const session = await fetchSession.call(this, sessionId, itemIndex);
	return formatSession(session, readRawOutput.call(this, itemIndex));
}
