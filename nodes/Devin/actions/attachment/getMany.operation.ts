import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { requireApiVersion } from '../../helpers/apiVersion';
import { devinApiRequest, getApiContext } from '../../transport';

const properties: INodeProperties[] = [
	{ ...sessionLocator, description: 'The session whose files to list' },
	...returnAllFields(),
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { version } = await getApiContext.call(this);
	requireApiVersion(this.getNode(), itemIndex, 'Attachment: Get Many', 'v3', version);
	const sessionId = readSessionId.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);
	const body = (await devinApiRequest.call(this, {
		method: 'GET',
		path: ['sessions', sessionId, 'attachments'],
		permission: 'ViewOrgSessions',
		subject: `Session ${sessionId}`,
		// Devin's docs show both a bare array and {items: [...]}.
		expects: { kind: 'list', bare: true },
		itemIndex,
	})) as unknown;
	// Devin's docs show both a bare array and {items: [...]}.
	const all = (
		Array.isArray(body) ? body : ((body as IDataObject | null)?.items ?? [])
	) as IDataObject[];
	return toOutputs.call(
		this,
		itemIndex,
		'attachment',
		limit === undefined ? all : all.slice(0, limit),
	);
}
