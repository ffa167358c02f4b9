import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { read, readFields, type FieldSpec } from '../helpers/fields';
import type { ApiVersion } from '../transport';
import type { QueryParams } from '../transport/url';

/** Where a session was started from, as Devin's session lists filter it. */
export const ORIGIN_OPTIONS = [
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
].map((origin) => ({
	name: ['api', 'cli'].includes(origin)
		? origin.toUpperCase()
		: origin.charAt(0).toUpperCase() + origin.slice(1),
	value: origin,
}));

/** The filters Devin's session lists take (sessions, insights, enterprise sessions). */
export const sessionFilterOptions: INodeProperties[] = [
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
		options: ORIGIN_OPTIONS,
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
];

/** A Filters collection over the session filters, plus any of the operation's own. */
export function sessionFilters(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [...sessionFilterOptions, ...own].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** Each filter: its query parameter, label (for errors), the API versions that have it, and how it is read. */
const FILTERS: FieldSpec[] = [
	{ param: 'tags', api: 'tags', label: 'Tags', read: read.list() },
	{
		param: 'sessionIds',
		api: 'session_ids',
		label: 'Session IDs',
		read: read.sessionIds,
		versions: ['v3'],
	},
	{
		param: 'createdAfter',
		api: 'created_after',
		label: 'Created After',
		read: read.unixSeconds,
		versions: ['v3'],
	},
	{
		param: 'createdBefore',
		api: 'created_before',
		label: 'Created Before',
		read: read.unixSeconds,
		versions: ['v3'],
	},
	{
		param: 'updatedAfter',
		api: 'updated_after',
		label: 'Updated After',
		read: read.unixSeconds,
		versions: ['v3'],
	},
	{
		param: 'updatedBefore',
		api: 'updated_before',
		label: 'Updated Before',
		read: read.unixSeconds,
		versions: ['v3'],
	},
	{
		param: 'origins',
		api: 'origins',
		label: 'Origins',
		read: read.someOf(ORIGIN_OPTIONS.map((origin) => origin.value)),
		versions: ['v3'],
	},
	{
		param: 'playbookId',
		api: 'playbook_id',
		label: 'Playbook ID',
		read: read.id('playbook-6f1c2b9a'),
		versions: ['v3'],
	},
	{
		param: 'scheduleId',
		api: 'schedule_id',
		label: 'Schedule ID',
		read: read.id('sched-4e5f6a7b'),
		versions: ['v3'],
	},
	{
		param: 'userIds',
		api: 'user_ids',
		label: 'User IDs',
		read: read.ids('user-3f2a9c41'),
		versions: ['v3'],
	},
	{
		param: 'serviceUserIds',
		api: 'service_user_ids',
		label: 'Service User IDs',
		read: read.ids('su-7d1f0c2a'),
		versions: ['v3'],
	},
	{
		param: 'userEmail',
		api: 'user_email',
		label: 'User Email',
		read: read.email,
		versions: ['v1'],
	},
];

/** The query for the Filters of item `itemIndex`; a filter the API version lacks fails before any request. */
export function readSessionFilters(
	this: IExecuteFunctions,
	itemIndex: number,
	version: ApiVersion,
	own: FieldSpec[] = [],
): QueryParams {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const fields = readFields(
		this.getNode(),
		itemIndex,
		this.getTimezone(),
		filters,
		[...FILTERS, ...own],
		version,
	);
	return fields as QueryParams;
}
