import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLocatorId, scheduleLocator } from '../../descriptions/locators';
import { deleteCatalogItem } from '../../helpers/catalog';
import { SCHEDULES } from '../../helpers/catalogs';

const properties: INodeProperties[] = [scheduleLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['schedule'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readLocatorId.call(this, itemIndex, 'scheduleId', 'Schedule');
	return await deleteCatalogItem.call(this, SCHEDULES, id, itemIndex);
}
