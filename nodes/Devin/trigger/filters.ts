import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { ORIGIN_OPTIONS } from '../descriptions/sessionFilters';
import { requireApiVersion } from '../helpers/apiVersion';
import { optionalText, toStringList } from '../helpers/validation';
import type { ApiVersion } from '../transport';
import type { QueryParams } from '../transport/url';
import type { TriggerState } from './state';

export interface TriggerFilters {
	tags: string[];
	titleContains?: string;
	playbookId?: string;
	origins: string[];
	createdByThisKey: boolean;
}

export const triggerFilterFields: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Created by This Key',
			name: 'createdByThisKey',
			type: 'boolean',
			default: false,
			description: "Whether to watch only sessions this credential's key created (API v3)",
		},
		{
			displayName: 'Origins',
			name: 'origins',
			type: 'multiOptions',
			default: [],
			options: ORIGIN_OPTIONS,
			description: 'Only sessions started from these places (API v3)',
		},
		{
			displayName: 'Playbook ID',
			name: 'playbookId',
			type: 'string',
			default: '',
			description: 'Only sessions started with this playbook',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. n8n, production',
			description: 'Comma-separated tags; only sessions that have all of them',
		},
		{
			displayName: 'Title Contains',
			name: 'titleContains',
			type: 'string',
			default: '',
			description: 'Only sessions whose title contains this text (not case-sensitive)',
		},
	],
};

export function readTriggerFilters(this: IPollFunctions, version: ApiVersion): TriggerFilters {
	const values = this.getNodeParameter('filters', {}) as IDataObject;
	const context = { node: this.getNode(), itemIndex: 0 };
	const filters: TriggerFilters = {
		tags: toStringList(context, 'Tags', values.tags, { unique: true }),
		titleContains: optionalText(values.titleContains)?.toLowerCase(),
		playbookId: optionalText(values.playbookId),
		origins: toStringList(context, 'Origins', values.origins, { unique: true }),
		createdByThisKey: values.createdByThisKey === true,
	};
	if (filters.origins.length)
		requireApiVersion(this.getNode(), 0, 'The Origins filter', 'v3', version);
	if (filters.createdByThisKey)
		requireApiVersion(this.getNode(), 0, 'The Created by This Key filter', 'v3', version);
	return filters;
}

/** What Devin can filter itself; the rest (and a re-check of all) happens in `matches`. */
export function serverQuery(
	filters: TriggerFilters,
	state: Pick<TriggerState, 'creator'> | undefined,
): QueryParams {
	return {
		tags: filters.tags.length ? filters.tags : undefined,
		playbook_id: filters.playbookId,
		origins: filters.origins.length ? filters.origins : undefined,
		service_user_ids: state?.creator?.serviceUserIds,
		user_ids: state?.creator?.userIds,
	};
}

export function matches(
	filters: TriggerFilters,
	state: Pick<TriggerState, 'creator'> | undefined,
	session: IDataObject,
): boolean {
	const tags = Array.isArray(session.tags) ? (session.tags as string[]) : [];
	const creator = state?.creator;
	return (
		filters.tags.every((tag) => tags.includes(tag)) &&
		(filters.titleContains === undefined ||
			String(session.title ?? '')
				.toLowerCase()
				.includes(filters.titleContains)) &&
		(filters.playbookId === undefined || session.playbook_id === filters.playbookId) &&
		(filters.origins.length === 0 || filters.origins.includes(String(session.origin))) &&
		(!filters.createdByThisKey ||
			(creator?.serviceUserIds ?? []).includes(String(session.service_user_id)) ||
			(creator?.userIds ?? []).includes(String(session.user_id)))
	);
}
