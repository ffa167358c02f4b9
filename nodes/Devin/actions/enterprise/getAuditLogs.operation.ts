import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { V1_MAX_PAGE_SIZE } from '../../constants';
import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { optionalText, toChoice } from '../../helpers/validation';
import { devinApiRequest, getApiContext } from '../../transport';
import { collectItems } from '../../transport/pagination';
import { byName } from '../catalogFields';
import { iso, periodFields, readPeriod } from './period';

const properties: INodeProperties[] = [
	...returnAllFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: byName([
			...periodFields,
			{
				displayName: 'Action',
				name: 'action',
				type: 'string',
				default: '',
				placeholder: 'e.g. create_session',
				description:
					'Only entries of this action (API v3), such as login, create_session or delete_knowledge',
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				description: 'The order of the entries (API v3)',
			},
		]),
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['getAuditLogs'] } },
	properties,
);

/**
 * v1 pages back in time: each request asks for entries before the oldest one seen. Entries on that
 * boundary may come twice, so they are counted once by ID.
 */
async function auditLogsV1(
	this: IExecuteFunctions,
	itemIndex: number,
	limit: number | undefined,
	period: { after?: number; before?: number },
): Promise<IDataObject[]> {
	const seen = new Set<string>();
	const entries: IDataObject[] = [];
	let before = iso(period.before);
	for (;;) {
		const size =
			limit === undefined ? V1_MAX_PAGE_SIZE : Math.min(V1_MAX_PAGE_SIZE, limit - entries.length);
		if (size <= 0) break;
		const body = await devinApiRequest.call(this, {
			method: 'GET',
			scope: 'enterprise',
			path: ['audit-logs'],
			qs: { limit: size, before, after: iso(period.after) },
			expects: { kind: 'list', itemsKey: 'audit_logs' },
			itemIndex,
		});
		const page = Array.isArray(body?.audit_logs) ? (body.audit_logs as IDataObject[]) : [];
		const fresh = page.filter((entry) => !seen.has(String(entry.audit_log_id)));
		for (const entry of fresh) seen.add(String(entry.audit_log_id));
		entries.push(...fresh);
		if (page.length < size || fresh.length === 0) break;
		const oldest = page.map((entry) => String(entry.created_at)).sort()[0];
		before = oldest;
	}
	return limit === undefined ? entries : entries.slice(0, limit);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { version } = await getApiContext.call(this);
	const period = readPeriod.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);
	if (version === 'v1') {
		return toOutputs.call(
			this,
			itemIndex,
			'auditLog',
			await auditLogsV1.call(this, itemIndex, limit, period),
		);
	}
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const order = toChoice({ node: this.getNode(), itemIndex }, 'Order', filters.order, [
		'asc',
		'desc',
	]);
	const entries = await collectItems.call(
		this,
		{
			method: 'GET',
			scope: 'enterprise',
			path: ['audit-logs'],
			qs: {
				order,
				action: optionalText(filters.action),
				time_after: period.after,
				time_before: period.before,
			},
			style: 'cursor',
			permission: 'ManageEnterpriseSettings',
			itemIndex,
		},
		limit,
	);
	return toOutputs.call(this, itemIndex, 'auditLog', entries);
}
