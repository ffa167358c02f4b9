import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	outputOptions,
	readLimit,
	readRawOutput,
	returnAllFields,
} from '../../descriptions/common';
import { requireApiVersion } from '../../helpers/apiVersion';
import { formatSession } from '../../helpers/mapping';
import { sessionListRequest } from '../../helpers/sessions';
import {
	optionalText,
	toStringList,
	toUnixSeconds,
	type FieldContext,
} from '../../helpers/validation';
import { getApiContext, type ApiVersion } from '../../transport';
import { collectItems } from '../../transport/pagination';
import type { QueryValue } from '../../transport/url';

const ORIGINS = [
	'api',
	'automation',
	'cli',
	'desktop',
	'jira',
	'linear',
	'other',
	'scheduled',
	'slack',
	'teams',
	'webapp',
];

const properties: INodeProperties[] = [
	...returnAllFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only sessions created after this moment (API v3)',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only sessions created before this moment (API v3)',
			},
			{
				displayName: 'Origins',
				name: 'origins',
				type: 'multiOptions',
				default: [],
				description: 'Only sessions started from these places (API v3)',
				options: ORIGINS.map((origin) => ({
					name:
						origin === 'api'
							? 'API'
							: origin === 'cli'
								? 'CLI'
								: origin.charAt(0).toUpperCase() + origin.slice(1),
					value: origin,
				})),
			},
			{
				displayName: 'Playbook ID',
				name: 'playbookId',
				type: 'string',
				default: '',
				description: 'Only sessions started with this playbook (API v3)',
			},
			{
				displayName: 'Schedule ID',
				name: 'scheduleId',
				type: 'string',
				default: '',
				description: 'Only sessions started by this schedule (API v3)',
			},
			{
				displayName: 'Service User IDs',
				name: 'serviceUserIds',
				type: 'string',
				default: '',
				description: 'Comma-separated service user IDs; only sessions they created (API v3)',
			},
			{
				displayName: 'Session IDs',
				name: 'sessionIds',
				type: 'string',
				default: '',
				description: 'Comma-separated session IDs to fetch (API v3)',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. n8n, nightly',
				description: 'Comma-separated tags; only sessions with these tags',
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only sessions changed after this moment (API v3)',
			},
			{
				displayName: 'Updated Before',
				name: 'updatedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only sessions changed before this moment (API v3)',
			},
			{
				displayName: 'User Email',
				name: 'userEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only sessions requested by this user (API v1)',
			},
			{
				displayName: 'User IDs',
				name: 'userIds',
				type: 'string',
				default: '',
				description: 'Comma-separated Devin user IDs; only sessions they created (API v3)',
			},
		],
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['getMany'] } },
	properties,
);

type FilterReader = (
	context: FieldContext,
	label: string,
	value: unknown,
	timeZone: string,
) => QueryValue;

const list: FilterReader = (context, label, value) => {
	const entries = toStringList(context, label, value, { unique: true });
	return entries.length ? entries : undefined;
};
const sessionIds: FilterReader = (context, label, value) => {
	const entries = toStringList(context, label, value, { unique: true });
	return entries.length
		? entries.map((id) => (id.startsWith('devin-') ? id : `devin-${id}`))
		: undefined;
};
const text: FilterReader = (_context, _label, value) => optionalText(value);
const moment: FilterReader = (context, label, value, timeZone) =>
	toUnixSeconds(context, label, value, timeZone);

/** Each filter: its query parameter, label (for errors), the API versions that have it, and how it is read. */
const FILTERS: Array<{
	param: string;
	query: string;
	label: string;
	versions: ApiVersion[];
	read: FilterReader;
}> = [
	{ param: 'tags', query: 'tags', label: 'Tags', versions: ['v3', 'v1'], read: list },
	{
		param: 'sessionIds',
		query: 'session_ids',
		label: 'Session IDs',
		versions: ['v3'],
		read: sessionIds,
	},
	{
		param: 'createdAfter',
		query: 'created_after',
		label: 'Created After',
		versions: ['v3'],
		read: moment,
	},
	{
		param: 'createdBefore',
		query: 'created_before',
		label: 'Created Before',
		versions: ['v3'],
		read: moment,
	},
	{
		param: 'updatedAfter',
		query: 'updated_after',
		label: 'Updated After',
		versions: ['v3'],
		read: moment,
	},
	{
		param: 'updatedBefore',
		query: 'updated_before',
		label: 'Updated Before',
		versions: ['v3'],
		read: moment,
	},
	{ param: 'origins', query: 'origins', label: 'Origins', versions: ['v3'], read: list },
	{ param: 'playbookId', query: 'playbook_id', label: 'Playbook ID', versions: ['v3'], read: text },
	{ param: 'scheduleId', query: 'schedule_id', label: 'Schedule ID', versions: ['v3'], read: text },
	{ param: 'userIds', query: 'user_ids', label: 'User IDs', versions: ['v3'], read: list },
	{
		param: 'serviceUserIds',
		query: 'service_user_ids',
		label: 'Service User IDs',
		versions: ['v3'],
		read: list,
	},
	{ param: 'userEmail', query: 'user_email', label: 'User Email', versions: ['v1'], read: text },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const api = await getApiContext.call(this);
	const context: FieldContext = { node: this.getNode(), itemIndex };
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const timeZone = this.getTimezone();
	const qs: Record<string, QueryValue> = {};
	for (const filter of FILTERS) {
		const value = filter.read(context, filter.label, filters[filter.param], timeZone);
		if (value === undefined) continue;
		if (!filter.versions.includes(api.version)) {
			requireApiVersion(
				this.getNode(),
				itemIndex,
				`The ${filter.label} filter`,
				filter.versions[0],
				api.version,
			);
		}
		qs[filter.query] = value;
	}
	const limit = readLimit.call(this, itemIndex);
	const raw = readRawOutput.call(this, itemIndex);
	const sessions = await collectItems.call(
		this,
		{ ...sessionListRequest(api.version, qs), itemIndex },
		limit,
	);
	return sessions.map((session) => formatSession(session, raw));
}
