import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { fetchSession } from '../../helpers/sessions';
import { getApiContext } from '../../transport';
import { collectItems } from '../../transport/pagination';

const properties: INodeProperties[] = [
	{ ...sessionLocator, description: 'The session whose conversation to get' },
	...returnAllFields(),
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getMany'] } },
	properties,
);

/** v1 keeps messages inside the session, with a `type` where v3 has `source`. */
function fromV1(message: IDataObject): IDataObject {
	return {
		event_id: message.event_id,
		message: message.message,
		source: message.type === 'devin_message' ? 'devin' : 'user',
		type: message.type,
		created_at: message.timestamp,
		username: message.username,
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const api = await getApiContext.call(this);
	const sessionId = readSessionId.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);
	let messages: IDataObject[];
	if (api.version === 'v3') {
		messages = await collectItems.call(
			this,
			{
				method: 'GET',
				path: ['sessions', sessionId, 'messages'],
				style: 'cursor',
				itemId: 'event_id',
				permission: 'ViewOrgSessions',
				subject: `Session ${sessionId}`,
				itemIndex,
			},
			limit,
		);
	} else {
		const session = await fetchSession.call(this, sessionId, itemIndex);
		const all = Array.isArray(session.messages)
			? (session.messages as IDataObject[]).map(fromV1)
			: [];
		messages = limit === undefined ? all : all.slice(0, limit);
	}
	return toOutputs.call(
		this,
		itemIndex,
		'message',
		messages.map((message) => ({ session_id: sessionId, ...message })),
	);
}
