import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { requireV3 } from '../../helpers/apiVersion';
import { devinApiRequest } from '../../transport';

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
	await requireV3.call(this, itemIndex, 'Attachment: Get Many');
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
