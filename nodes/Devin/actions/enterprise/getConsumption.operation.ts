import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { devinApiRequest, getApiContext } from '../../transport';
import { iso, periodFields, readPeriod } from './period';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: "Devin's billing days start at midnight Pacific time (08:00 UTC)",
		options: periodFields,
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['getConsumption'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { version } = await getApiContext.call(this);
	const period = readPeriod.call(this, itemIndex);
	const consumption =
		version === 'v3'
			? await devinApiRequest.call(this, {
					method: 'GET',
					scope: 'enterprise',
					path: ['consumption', 'daily'],
					qs: { time_after: period.after, time_before: period.before },
					permission: 'ViewAccountConsumption',
					itemIndex,
				})
			: await devinApiRequest.call(this, {
					method: 'GET',
					scope: 'enterprise',
					path: ['consumption'],
					qs: { start_date: iso(period.after), end_date: iso(period.before) },
					itemIndex,
				});
	return toOutput.call(this, itemIndex, 'consumption', consumption);
}
