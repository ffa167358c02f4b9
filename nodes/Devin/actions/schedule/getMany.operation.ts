import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { listCatalogItems } from '../../helpers/catalog';
import { SCHEDULES } from '../../helpers/catalogs';

const properties: INodeProperties[] = [...returnAllFields(), outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['schedule'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const schedules = await listCatalogItems.call(this, SCHEDULES, {
		limit: readLimit.call(this, itemIndex),
		itemIndex,
	});
	return toOutputs.call(this, itemIndex, 'schedule', schedules);
}
