import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { readLocatorId, scheduleLocator } from '../../descriptions/locators';
import { getCatalogItem } from '../../helpers/catalog';
import { SCHEDULES } from '../../helpers/catalogs';

const properties: INodeProperties[] = [scheduleLocator, outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['schedule'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readLocatorId.call(this, itemIndex, 'scheduleId', 'Schedule');
	const schedule = await getCatalogItem.call(this, SCHEDULES, id, itemIndex);
	return toOutput.call(this, itemIndex, 'schedule', schedule);
}
