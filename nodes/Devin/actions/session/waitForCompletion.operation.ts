import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { readWaitSettings, waitSettingsFields } from '../../descriptions/wait';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { waitForSession } from '../../helpers/sessions';

const properties: INodeProperties[] = [
	{ ...sessionLocator, description: 'The session to wait for' },
	...waitSettingsFields,
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['waitForCompletion'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const sessionId = readSessionId.call(this, itemIndex);
	const settings = readWaitSettings.call(this, itemIndex);
	const session = await waitForSession.call(this, sessionId, settings, itemIndex);
	return toOutput.call(this, itemIndex, 'session', session);
}
