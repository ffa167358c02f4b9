import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { devinApiRequest } from '../../transport';

export async function fetchInsights(
	this: IExecuteFunctions,
	sessionId: string,
	itemIndex: number,
): Promise<IDataObject> {
	return await devinApiRequest.call(this, {
		method: 'GET',
		path: ['sessions', sessionId, 'insights'],
		permission: 'ViewOrgSessions',
		subject: `Session ${sessionId}`,
		expects: { kind: 'object', id: 'session_id' },
		itemIndex,
	});
}
