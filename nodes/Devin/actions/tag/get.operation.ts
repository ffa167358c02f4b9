import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { fetchSession } from '../../helpers/sessions';
import { devinApiRequest, getApiContext } from '../../transport';
import { tagsOutput } from './tags';

const properties: INodeProperties[] = [
	{ ...sessionLocator, description: 'The session whose tags to get' },
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const api = await getApiContext.call(this);
	const sessionId = readSessionId.call(this, itemIndex);
	const response =
		api.version === 'v3'
			? await devinApiRequest.call(this, {
					method: 'GET',
					path: ['sessions', sessionId, 'tags'],
					permission: 'ViewOrgSessions',
					subject: `Session ${sessionId}`,
					expects: { kind: 'object', id: 'tags' },
					itemIndex,
				})
			: { tags: (await fetchSession.call(this, sessionId, itemIndex)).tags ?? [] };
	return tagsOutput.call(this, itemIndex, sessionId, response, []);
}
