'use strict';

const { detail, reply } = require('./http');
const { toV1Detail, toV1Summary } = require('./sessions');
const { validate } = require('./validation');

const stringList = { type: 'array', items: 'string' };

const SESSION_CREATE = {
	prompt: { type: 'string', required: true, minLength: 1 },
	idempotent: { type: 'boolean' },
	title: { type: 'string', nullable: true },
	tags: { ...stringList, nullable: true },
	playbook_id: { type: 'string', nullable: true },
	snapshot_id: { type: 'string', nullable: true },
	unlisted: { type: 'boolean' },
	max_acu_limit: { type: 'integer', gt: 0, nullable: true },
	knowledge_ids: { ...stringList, nullable: true },
	secret_ids: { ...stringList, nullable: true },
	session_secrets: { type: 'array', nullable: true },
	structured_output_schema: { type: 'object', nullable: true },
};

function sessionOf(ctx) {
	const session = ctx.store.get(ctx.params.id);
	if (!session || session.org_id !== ctx.orgId)
		throw detail(404, `Session ${ctx.params.id} not found`);
	return session;
}

function register(emulator) {
	const v1 = (method, pattern, handler, permission) =>
		emulator.route(method, pattern, handler, { version: 'v1', permission });

	v1('GET', '/v1/sessions', (ctx) => {
		validate(
			ctx.query,
			{
				limit: { type: 'integer', fromQuery: true, ge: 1, le: 1000 },
				offset: { type: 'integer', fromQuery: true, ge: 0 },
			},
			{ location: 'query', forbidExtra: false },
		);
		const limit = ctx.query.limit === undefined ? 100 : Number(ctx.query.limit);
		const offset = Number(ctx.query.offset ?? ctx.query.skip ?? 0);
		const tags = ctx.queryAll.tags || [];
		const email = ctx.query.user_email;
		const sessions = ctx.store
			.list([ctx.orgId])
			.filter(
				(session) =>
					(!tags.length || tags.every((tag) => session.tags.includes(tag))) &&
					(email === undefined || session.requesting_user_email === email),
			);
		return { sessions: sessions.slice(offset, offset + limit).map(toV1Summary) };
	});

	v1('POST', '/v1/sessions', (ctx) => {
		const body = validate(ctx.json(), SESSION_CREATE);
		const key = `${ctx.principal.name}:${body.prompt}:${body.title || ''}`;
		if (body.idempotent) {
			const existing = ctx.store
				.list([ctx.orgId])
				.find(
					(session) =>
						session.idempotency_key === key && !['exit', 'error'].includes(session.status),
				);
			if (existing)
				return {
					session_id: existing.session_id,
					url: ctx.store.url(existing),
					is_new_session: false,
				};
		}
		const session = ctx.store.create({
			org_id: ctx.orgId,
			prompt: body.prompt,
			title: body.title,
			tags: body.tags || [],
			playbook_id: body.playbook_id,
			snapshot_id: body.snapshot_id,
			unlisted: body.unlisted,
			max_acu_limit: body.max_acu_limit,
			structured_output_schema: body.structured_output_schema,
			user_id: ctx.principal.user_id,
			requesting_user_email: ctx.principal.email,
			idempotency_key: body.idempotent ? key : null,
			origin: 'api',
		});
		return { session_id: session.session_id, url: ctx.store.url(session), is_new_session: true };
	});

	const getOne = (ctx) => toV1Detail(sessionOf(ctx));
	v1('GET', '/v1/sessions/:id', getOne);
	v1('GET', '/v1/session/:id', getOne);

	v1('POST', '/v1/sessions/:id/message', (ctx) => {
		const body = validate(ctx.json(), {
			message: { type: 'string', required: true, minLength: 1 },
		});
		const session = sessionOf(ctx);
		if (['exit', 'error'].includes(session.status)) {
			throw detail(400, `Session ${session.session_id} has ended and cannot receive messages`);
		}
		ctx.store.message(session, body.message);
		return reply(200, null);
	});

	v1('DELETE', '/v1/sessions/:id', (ctx) => {
		const session = sessionOf(ctx);
		ctx.store.terminate(session, false);
		return { detail: 'Session terminated successfully' };
	});
}

module.exports = { register };
