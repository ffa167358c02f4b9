import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requireApiVersion } from '../../helpers/apiVersion';
import { devinApiRequest, getApiContext } from '../../transport';

/** Insights exist only in API v3. */
export async function requireInsightsApi(
	this: IExecuteFunctions,
	itemIndex: number,
	operation: string,
): Promise<void> {
	const { version } = await getApiContext.call(this);
	requireApiVersion(this.getNode(), itemIndex, `Insight: ${operation}`, 'v3', version);
}

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
