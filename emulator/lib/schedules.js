'use strict';

const { detail, validation } = require('./http');
const { offsetPage } = require('./pagination');
const { newId } = require('./sessions');
const { validate } = require('./validation');

const iso = (ms) => new Date(ms).toISOString();
const CRON = /^\S+(\s+\S+){4}$/;
const RFC3339_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const FIELDS = {
	name: { type: 'string', minLength: 1 },
	prompt: { type: 'string', minLength: 1 },
	schedule_type: { type: 'string', enum: ['recurring', 'one_time'] },
	frequency: { type: 'string', nullable: true },
	scheduled_at: { type: 'string', nullable: true },
	interval_count: { type: 'integer', ge: 1 },
	agent: { type: 'string', enum: ['devin', 'data_analyst'] },
	notify_on: { type: 'string', enum: ['always', 'failure', 'never'] },
	playbook_id: { type: 'string', nullable: true },
	tags: { type: 'array', items: 'string', maxItems: 50 },
	bypass_approval: { type: 'boolean' },
	create_as_user_id: { type: 'string', nullable: true },
	platform: { type: 'string', nullable: true },
	slack_channel_id: { type: 'string', nullable: true },
	slack_team_id: { type: 'string', nullable: true },
	target_devin_id: { type: 'string', nullable: true },
};
const CREATE = {
	...FIELDS,
	name: { ...FIELDS.name, required: true },
	prompt: { ...FIELDS.prompt, required: true },
};
const UPDATE = {
	...FIELDS,
	enabled: { type: 'boolean' },
	run_as_user_id: { type: 'string', nullable: true },
};

const invalid = (field, msg, input) =>
	validation([{ type: 'value_error', loc: ['body', field], msg: `Value error, ${msg}`, input }]);

/** Schedules page with limit/offset (unlike the rest of v3) and answer ISO timestamps. */
function register(emulator) {
	emulator.onReset(() => {
		emulator.data.schedules = new Map();
	});
	const find = (ctx) => {
		const schedule = emulator.data.schedules.get(ctx.params.id);
		if (!schedule || schedule.org_id !== ctx.orgId || schedule.deleted)
			throw detail(404, `Schedule ${ctx.params.id} not found`);
		return schedule;
	};
	const check = (ctx, schedule) => {
		if (
			schedule.schedule_type === 'recurring' &&
			(!schedule.frequency || !CRON.test(schedule.frequency))
		) {
			throw invalid(
				'frequency',
				'a recurring schedule needs a cron expression with five fields',
				schedule.frequency ?? null,
			);
		}
		if (
			schedule.schedule_type === 'one_time' &&
			(!schedule.scheduled_at || !RFC3339_WITH_ZONE.test(schedule.scheduled_at))
		) {
			throw invalid(
				'scheduled_at',
				'a one-time schedule needs an RFC 3339 time with a time zone',
				schedule.scheduled_at ?? null,
			);
		}
		if (schedule.target_devin_id && schedule.schedule_type !== 'one_time') {
			throw invalid(
				'target_devin_id',
				'only one-time schedules can message a session',
				schedule.target_devin_id,
			);
		}
		if (schedule.playbook_id && !emulator.data.playbooks?.get(schedule.playbook_id)) {
			throw invalid(
				'playbook_id',
				`unknown playbook ${schedule.playbook_id}`,
				schedule.playbook_id,
			);
		}
	};
	const toApi = (schedule) => {
		const playbook = schedule.playbook_id
			? emulator.data.playbooks?.get(schedule.playbook_id)
			: undefined;
		return {
			scheduled_session_id: schedule.id,
			name: schedule.name,
			prompt: schedule.prompt,
			frequency: schedule.schedule_type === 'one_time' ? null : schedule.frequency,
			enabled: schedule.enabled,
			agent: schedule.agent,
			notify_on: schedule.notify_on,
			schedule_type: schedule.schedule_type,
			scheduled_at: schedule.scheduled_at ?? null,
			interval_count: schedule.interval_count,
			playbook: playbook ? { playbook_id: playbook.id, title: playbook.title } : null,
			tags: [...schedule.tags],
			bypass_approval: schedule.bypass_approval,
			last_executed_at: null,
			last_error_at: null,
			last_error_message: null,
			consecutive_failures: 0,
			created_at: iso(schedule.created_ms),
			created_by: schedule.created_by,
			updated_at: iso(schedule.updated_ms),
		};
	};
	const route = (method, pattern, handler) =>
		emulator.route(method, `/v3/organizations/:org/schedules${pattern}`, handler, {
			version: 'v3',
			permission: 'ManageOrgSchedules',
		});

	route('GET', '', (ctx) => {
		const schedules = [...emulator.data.schedules.values()]
			.filter((schedule) => schedule.org_id === ctx.orgId && !schedule.deleted)
			.sort((a, b) => b.created_ms - a.created_ms || (a.id < b.id ? 1 : -1));
		const page = offsetPage(schedules, ctx.query);
		return { ...page, items: page.items.map(toApi) };
	});
	route('POST', '', (ctx) => {
		const body = validate(ctx.json(), CREATE);
		if (body.create_as_user_id)
			emulator.requirePermission(ctx.principal, 'ImpersonateOrgSessions', ctx.path);
		const now = emulator.clock.now();
		const schedule = {
			id: newId('sched-').slice(0, 22),
			org_id: ctx.orgId,
			enabled: true,
			schedule_type: 'recurring',
			interval_count: 1,
			agent: 'devin',
			notify_on: 'failure',
			tags: [],
			bypass_approval: false,
			created_ms: now,
			updated_ms: now,
			created_by: ctx.principal.service_user_id || ctx.principal.user_id || null,
			...body,
		};
		check(ctx, schedule);
		emulator.data.schedules.set(schedule.id, schedule);
		return toApi(schedule);
	});
	route('GET', '/:id', (ctx) => toApi(find(ctx)));
	route('PATCH', '/:id', (ctx) => {
		const body = validate(ctx.json(), UPDATE);
		if (body.run_as_user_id)
			emulator.requirePermission(ctx.principal, 'ImpersonateOrgSessions', ctx.path);
		const schedule = find(ctx);
		const updated = { ...schedule, ...body, updated_ms: emulator.clock.now() };
		check(ctx, updated);
		emulator.data.schedules.set(schedule.id, updated);
		return toApi(updated);
	});
	route('DELETE', '/:id', (ctx) => {
		const schedule = find(ctx);
		schedule.deleted = true;
		return toApi(schedule);
	});
}

module.exports = { register };
