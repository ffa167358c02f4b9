import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { readLocatorId, scheduleLocator } from '../../descriptions/locators';
import { requireImpersonation } from '../../helpers/apiVersion';
import { updateCatalogItem } from '../../helpers/catalog';
import { SCHEDULES } from '../../helpers/catalogs';
import { getApiContext } from '../../transport';
import { byName, readUpdateBody, updateFieldsCollection } from '../catalogFields';
import {
	frequencyField,
	nameField,
	optionalScheduleFields,
	promptField,
	SCHEDULE_FIELDS,
	scheduledAtField,
} from './fields';

const properties: INodeProperties[] = [
	scheduleLocator,
	updateFieldsCollection(
		byName([
			...optionalScheduleFields,
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether the schedule runs; turn it off to pause it',
			},
			frequencyField,
			nameField,
			promptField,
			{
				displayName: 'Run As User ID',
				name: 'runAsUserId',
				type: 'string',
				default: '',
				description:
					'Run the sessions on behalf of this Devin user. Needs Allow Impersonation in the credential and the ImpersonateOrgSessions permission.',
			},
			scheduledAtField,
		]),
	),
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['schedule'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const api = await getApiContext.call(this);
	const id = readLocatorId.call(this, itemIndex, 'scheduleId', 'Schedule');
	const changes = await readUpdateBody.call(this, itemIndex, SCHEDULE_FIELDS);
	if (changes.run_as_user_id !== undefined) {
		requireImpersonation(
			{ node: this.getNode(), itemIndex },
			'Run As User ID',
			api.allowImpersonation,
		);
	}
	const schedule = await updateCatalogItem.call(this, SCHEDULES, id, changes, itemIndex);
	return toOutput.call(this, itemIndex, 'schedule', schedule);
}
