import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { requireApiVersion } from '../../helpers/apiVersion';
import { devinApiRequest, getApiContext } from '../../transport';

const properties: INodeProperties[] = [
	{
		...sessionLocator,
		description:
			'The session to archive. It stays viewable but can no longer be messaged or resumed.',
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['archive'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const api = await getApiContext.call(this);
	requireApiVersion(this.getNode(), itemIndex, 'Archive', 'v3', api.version);
	const sessionId = readSessionId.call(this, itemIndex);
	const session = await devinApiRequest.call(this, {
		method: 'POST',
		path: ['sessions', sessionId, 'archive'],
		permission: 'ManageOrgSessions',
		subject: `Session ${sessionId}`,
		expects: { kind: 'object', id: 'session_id' },
		itemIndex,
	});
	return toOutput.call(this, itemIndex, 'session', session);
}
