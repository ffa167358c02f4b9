import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { requireImpersonation } from '../../helpers/apiVersion';
import { createCatalogItem } from '../../helpers/catalog';
import { SCHEDULES } from '../../helpers/catalogs';
import { invalidField, toChoice } from '../../helpers/validation';
import { getApiContext } from '../../transport';
import { byName, readCreateBody } from '../catalogFields';
import {
	frequencyField,
	nameField,
	optionalScheduleFields,
	promptField,
	SCHEDULE_FIELDS,
	scheduledAtField,
} from './fields';

const properties: INodeProperties[] = [
	{ ...nameField, required: true },
	{ ...promptField, required: true },
	{
		displayName: 'Schedule Type',
		name: 'scheduleType',
		type: 'options',
		default: 'recurring',
		options: [
			{ name: 'Recurring', value: 'recurring', description: 'Run on a cron schedule' },
			{ name: 'One Time', value: 'oneTime', description: 'Run once at a given moment' },
		],
	},
	{ ...frequencyField, required: true, displayOptions: { show: { scheduleType: ['recurring'] } } },
	{ ...scheduledAtField, required: true, displayOptions: { show: { scheduleType: ['oneTime'] } } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: byName([
			...optionalScheduleFields,
			{
				displayName: 'Create As User ID',
				name: 'createAsUserId',
				type: 'string',
				default: '',
				description:
					'Run the sessions on behalf of this Devin user. Needs Allow Impersonation in the credential and the ImpersonateOrgSessions permission.',
			},
			{
				displayName: 'Target Session ID',
				name: 'targetSessionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. devin-3f2a9c41d0b84e6f',
				description:
					'One-time schedules only: send the prompt as a message to this session instead of starting a new one',
			},
		]),
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['schedule'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const api = await getApiContext.call(this);
	const context = { node: this.getNode(), itemIndex };
	const scheduleType = this.getNodeParameter('scheduleType', itemIndex, 'recurring');
	const oneTime =
		toChoice(context, 'Schedule Type', scheduleType, ['recurring', 'oneTime']) === 'oneTime';
	const when = oneTime
		? { param: 'scheduledAt', label: 'Scheduled At' }
		: { param: 'frequency', label: 'Frequency' };
	const body = await readCreateBody.call(
		this,
		itemIndex,
		[{ param: 'name', label: 'Name' }, { param: 'prompt', label: 'Prompt' }, when],
		SCHEDULE_FIELDS,
	);
	body.schedule_type = oneTime ? 'one_time' : 'recurring';
	if (body.target_devin_id !== undefined && !oneTime) {
		throw invalidField(
			context,
			'Target Session ID',
			'only works with a one-time schedule',
			'Set Schedule Type to One Time, or clear the field.',
		);
	}
	if (body.create_as_user_id !== undefined)
		requireImpersonation(context, 'Create As User ID', api.allowImpersonation);
	const schedule = await createCatalogItem.call(this, SCHEDULES, body, itemIndex);
	return toOutput.call(this, itemIndex, 'schedule', schedule);
}
