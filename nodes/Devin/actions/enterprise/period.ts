import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, toUnixSeconds } from '../../helpers/validation';

/** Devin's enterprise endpoints accept at most this long a time range. */
const MAX_RANGE_DAYS = 100;

export const periodFields: INodeProperties[] = [
	{
		displayName: 'After',
		name: 'after',
		type: 'dateTime',
		default: '',
		description: 'Only from this moment on',
	},
	{
		displayName: 'Before',
		name: 'before',
		type: 'dateTime',
		default: '',
		description: 'Only up to this moment; needs After too, at most 100 days earlier',
	},
];

export interface Period {
	after?: number;
	before?: number;
}

/** The period of the Filters of item `itemIndex`, in Unix seconds, checked against Devin's limits. */
export function readPeriod(this: IExecuteFunctions, itemIndex: number): Period {
	const context = { node: this.getNode(), itemIndex };
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const timeZone = this.getTimezone();
	const after = toUnixSeconds(context, 'After', filters.after, timeZone);
	const before = toUnixSeconds(context, 'Before', filters.before, timeZone);
	if (before !== undefined && after === undefined) {
		throw invalidField(
			context,
			'Before',
			'needs After too',
			'Set After as well; Devin accepts a range of at most 100 days.',
		);
	}
	if (after !== undefined && before !== undefined) {
		if (before <= after)
			throw invalidField(context, 'Before', 'must be later than After', 'Swap the two dates.');
		if (before - after > MAX_RANGE_DAYS * 86_400) {
			throw invalidField(
				context,
				'Before',
				`is more than ${MAX_RANGE_DAYS} days after After`,
				`Split the period into ranges of at most ${MAX_RANGE_DAYS} days.`,
			);
		}
	}
	return { after, before };
}

export const iso = (seconds: number | undefined) =>
	seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
