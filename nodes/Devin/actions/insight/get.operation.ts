import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { requireV3 } from '../../helpers/apiVersion';
import { fetchInsights } from './insights';

const properties: INodeProperties[] = [
	{ ...sessionLocator, description: 'The session whose insights to get' },
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['insight'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	await requireV3.call(this, itemIndex, 'Insight: Get');
	const sessionId = readSessionId.call(this, itemIndex);
	return toOutput.call(
		this,
		itemIndex,
		'insight',
		await fetchInsights.call(this, sessionId, itemIndex),
	);
}
