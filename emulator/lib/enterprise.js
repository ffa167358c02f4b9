'use strict';

const { ORG_ID, OTHER_ORG_ID } = require('./principals');
const { validation } = require('./http');
const { cursorPage } = require('./pagination');

const DAY = 86_400_000;
const ACTIONS = [
	'login',
	'create_session',
	'terminate_session',
	'sleep_session',
	'create_knowledge',
	'edit_knowledge',
	'delete_knowledge',
];

/** Audit logs and daily consumption, for enterprise admins (v3) and enterprise apk_ keys (v1). */
function register(emulator) {
	emulator.onReset(() => {
		const now = emulator.clock.now();
		// 250 entries over the last 30 days, both organizations, deterministic.
		emulator.data.auditLogs = Array.from({ length: 250 }, (_, index) => ({
			audit_log_id: `audit-${String(index + 1).padStart(5, '0')}`,
			action: ACTIONS[index % ACTIONS.length],
			created_ms: now - Math.floor(((250 - index) * 30 * DAY) / 250),
			data: { index },
			org_id: index % 3 === 0 ? OTHER_ORG_ID : ORG_ID,
			service_user_id: index % 2 ? 'su-emulator-n8n' : null,
			service_user_name: index % 2 ? 'n8n (emulator)' : null,
			user_email: index % 2 ? null : 'alice@example.com',
			user_id: index % 2 ? null : 'user-emulator-alice',
		}));
	});
	const seconds = (ms) => Math.floor(ms / 1000);
	const entryV3 = (entry) => ({
		...entry,
		created_ms: undefined,
		created_at: seconds(entry.created_ms),
	});
	const entryV1 = (entry) => ({
		...entry,
		created_ms: undefined,
		created_at: new Date(entry.created_ms).toISOString(),
	});

	emulator.route(
		'GET',
		'/v3/enterprise/audit-logs',
		(ctx) => {
			const after = ctx.query.time_after === undefined ? undefined : Number(ctx.query.time_after);
			const before =
				ctx.query.time_before === undefined ? undefined : Number(ctx.query.time_before);
			if (before !== undefined && after === undefined) {
				throw validation([
					{
						type: 'value_error',
						loc: ['query', 'time_before'],
						msg: 'Value error, time_before requires time_after',
						input: before,
					},
				]);
			}
			if (before !== undefined && before - after > 100 * 86_400) {
				throw validation([
					{
						type: 'value_error',
						loc: ['query', 'time_before'],
						msg: 'Value error, the range may be at most 100 days',
						input: before,
					},
				]);
			}
			const ascending = ctx.query.order === 'asc';
			const entries = emulator.data.auditLogs
				.filter(
					(entry) =>
						(after === undefined || seconds(entry.created_ms) >= after) &&
						(before === undefined || seconds(entry.created_ms) < before) &&
						(ctx.query.action === undefined || entry.action === ctx.query.action),
				)
				.sort((a, b) => (ascending ? a.created_ms - b.created_ms : b.created_ms - a.created_ms));
			const page = cursorPage(entries, ctx.query, {
				keyOf: (entry) => [entry.created_ms, entry.audit_log_id],
				direction: ascending ? 1 : -1,
			});
			return { ...page, items: page.items.map(entryV3) };
		},
		{ version: 'v3', permission: 'ManageEnterpriseSettings' },
	);
	emulator.route(
		'GET',
		'/v1/enterprise/audit-logs',
		(ctx) => {
			const limit = ctx.query.limit === undefined ? 100 : Number(ctx.query.limit);
			const after = ctx.query.after ? Date.parse(ctx.query.after) : undefined;
			const before = ctx.query.before ? Date.parse(ctx.query.before) : undefined;
			const entries = emulator.data.auditLogs
				.filter(
					(entry) =>
						(after === undefined || entry.created_ms >= after) &&
						(before === undefined || entry.created_ms <= before),
				)
				.sort((a, b) => b.created_ms - a.created_ms)
				.slice(0, limit);
			return { audit_logs: entries.map(entryV1) };
		},
		{ version: 'v1' },
	);

	/** Days start at 08:00 UTC (midnight Pacific), as in Devin's billing. */
	function days(fromMs, toMs) {
		const list = [];
		let day = Math.floor((fromMs - 8 * 3_600_000) / DAY) * DAY + 8 * 3_600_000;
		for (let index = 0; day < toMs; day += DAY, index++) {
			const devin = Math.round((10 + ((index * 7) % 13)) * 10) / 10;
			list.push({
				date: seconds(day),
				acus: devin + 1.5,
				acus_by_product: { devin, cascade: 1, terminal: 0.5 },
			});
		}
		return list;
	}
	emulator.route(
		'GET',
		'/v3/enterprise/consumption/daily',
		(ctx) => {
			const now = emulator.clock.now();
			const from =
				ctx.query.time_after === undefined ? now - 30 * DAY : Number(ctx.query.time_after) * 1000;
			const to = ctx.query.time_before === undefined ? now : Number(ctx.query.time_before) * 1000;
			const byDate = days(from, to);
			return {
				total_acus: Math.round(byDate.reduce((sum, day) => sum + day.acus, 0) * 10) / 10,
				consumption_by_date: byDate,
			};
		},
		{ version: 'v3', permission: 'ViewAccountConsumption' },
	);
	emulator.route(
		'GET',
		'/v1/enterprise/consumption',
		(ctx) => {
			const now = emulator.clock.now();
			const from = ctx.query.start_date ? Date.parse(ctx.query.start_date) : now - 30 * DAY;
			const to = ctx.query.end_date ? Date.parse(ctx.query.end_date) : now;
			const byDate = days(from, to);
			const total = Math.round(byDate.reduce((sum, day) => sum + day.acus, 0) * 10) / 10;
			return {
				total_acus: total,
				consumption_by_date: Object.fromEntries(
					byDate.map((day) => [new Date(day.date * 1000).toISOString().slice(0, 10), day.acus]),
				),
				consumption_by_org_id: {
					[ORG_ID]: Math.round(total * 0.7 * 10) / 10,
					[OTHER_ORG_ID]: Math.round(total * 0.3 * 10) / 10,
				},
				consumption_by_user: { 'user-emulator-alice': total },
			};
		},
		{ version: 'v1' },
	);
}

module.exports = { register };
