import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { readSessionFilters, sessionFilters } from '../../descriptions/sessionFilters';
import { requireV3 } from '../../helpers/apiVersion';
import { collectItems } from '../../transport/pagination';

const properties: INodeProperties[] = [...returnAllFields(), sessionFilters(), outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['insight'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	await requireV3.call(this, itemIndex, 'Insight: Get Many');
	const qs = readSessionFilters.call(this, itemIndex, 'v3');
	const insights = await collectItems.call(
		this,
		{
			method: 'GET',
			path: ['sessions', 'insights'],
			qs,
			style: 'cursor',
			itemId: 'session_id',
			permission: 'ViewOrgSessions',
			itemIndex,
		},
		readLimit.call(this, itemIndex),
	);
	return toOutputs.call(this, itemIndex, 'insight', insights);
}
