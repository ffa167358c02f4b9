import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { requireV3 } from '../../helpers/apiVersion';
import { collectItems } from '../../transport/pagination';
import { ACU_LIMIT_PERMISSIONS, ACU_LIMITS_PATH } from './acuLimits';

const properties: INodeProperties[] = [...returnAllFields(), outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['getManyAcuLimits'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	await requireV3.call(this, itemIndex, 'Enterprise: Get Many ACU Limits');
	const limits = await collectItems.call(
		this,
		{
			method: 'GET',
			scope: 'enterprise',
			path: ACU_LIMITS_PATH,
			style: 'cursor',
			permission: ACU_LIMIT_PERMISSIONS.read,
			itemIndex,
		},
		readLimit.call(this, itemIndex),
	);
	return toOutputs.call(this, itemIndex, 'acuLimit', limits);
}
