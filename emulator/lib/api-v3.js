'use strict';

const { Reply, detail, problem } = require('./http');
const { cursorPage } = require('./pagination');
const { toV3, toV3Message } = require('./sessions');
const { validate } = require('./validation');

const ORG = '/v3/organizations/:org';
const PLATFORMS = ['linux', 'windows', 'macos', 'inherit', 'default'];
const ORIGINS = [
	'webapp',
	'slack',
	'teams',
	'api',
	'linear',
	'jira',
	'automation',
	'cli',
	'desktop',
	'scheduled',
	'other',
];

const stringList = { type: 'array', items: 'string' };

/** SessionCreateRequest as documented. `session_secrets` is accepted because Devin accepts it. */
const SESSION_CREATE = {
	prompt: { type: 'string', required: true, minLength: 1 },
	title: { type: 'string', maxLength: 80, nullable: true },
	tags: { ...stringList, maxItems: 50 },
	playbook_id: { type: 'string', nullable: true },
	child_playbook_id: { type: 'string', nullable: true },
	knowledge_ids: stringList,
	secret_ids: stringList,
	session_secrets: { type: 'array' },
	max_acu_limit: { type: 'integer', gt: 0, nullable: true },
	repos: stringList,
	attachment_urls: stringList,
	session_links: stringList,
	create_as_user_id: { type: 'string', nullable: true },
	bypass_approval: { type: 'boolean' },
	devin_mode: { type: 'string', enum: ['normal', 'fast', 'lite'] },
	platform: { type: 'string' },
	structured_output_schema: { type: 'object', maxBytes: 64 * 1024, nullable: true },
	structured_output_required: { type: 'boolean' },
};

const MESSAGE_CREATE = {
	message: { type: 'string', required: true, minLength: 1 },
	message_as_user_id: { type: 'string', nullable: true },
	attachment_urls: stringList,
};

const int = { type: 'integer', fromQuery: true, ge: 0 };
const LIST_QUERY = {
	first: { type: 'integer', fromQuery: true, ge: 1, le: 200 },
	after: { type: 'string' },
	created_after: int,
	created_before: int,
	updated_after: int,
	updated_before: int,
};

/** Keyset order of the session list: newest first, ties broken by ID. */
const SESSION_KEY = { keyOf: (session) => [session.created_at, session.session_id], direction: -1 };
const MESSAGE_KEY = { keyOf: (message) => [message.created_at, message.event_id], direction: 1 };

function sessionIn(ctx) {
	const session = ctx.store.get(ctx.params.id);
	if (!session || session.org_id !== ctx.orgId)
		throw detail(404, `Session ${ctx.params.id} not found`);
	return session;
}

/** Filters shared by org and enterprise session lists. */
function filterSessions(sessions, ctx) {
	validate(ctx.query, LIST_QUERY, { location: 'query', forbidExtra: false });
	const all = (name) => ctx.queryAll[name] || [];
	const seconds = (name) =>
		ctx.query[name] === undefined ? undefined : Number(ctx.query[name]) * 1000;
	const createdAfter = seconds('created_after');
	const createdBefore = seconds('created_before');
	const updatedAfter = seconds('updated_after');
	const updatedBefore = seconds('updated_before');
	const ids = all('session_ids');
	const tags = all('tags');
	const origins = all('origins');
	const userIds = all('user_ids');
	const serviceUserIds = all('service_user_ids');
	for (const origin of origins) {
		if (!ORIGINS.includes(origin)) {
			throw detail(422, `Unknown origin "${origin}"`);
		}
	}
	// Timestamps are whole seconds on the wire, so compare at that precision.
	const sec = (ms) => Math.floor(ms / 1000) * 1000;
	return sessions.filter(
		(session) =>
			(!ids.length || ids.includes(session.session_id)) &&
			(!tags.length || tags.every((tag) => session.tags.includes(tag))) &&
			(!origins.length || origins.includes(session.origin)) &&
			(!userIds.length || userIds.includes(session.user_id)) &&
			(!serviceUserIds.length || serviceUserIds.includes(session.service_user_id)) &&
			(ctx.query.playbook_id === undefined || session.playbook_id === ctx.query.playbook_id) &&
			(ctx.query.schedule_id === undefined || session.schedule_id === ctx.query.schedule_id) &&
			(createdAfter === undefined || sec(session.created_at) > createdAfter) &&
			(createdBefore === undefined || sec(session.created_at) < createdBefore) &&
			(updatedAfter === undefined || sec(session.updated_at) > updatedAfter) &&
			(updatedBefore === undefined || sec(session.updated_at) < updatedBefore),
	);
}

function listSessions(ctx, orgIds) {
	const sessions = filterSessions(ctx.store.list(orgIds), ctx);
	const page = cursorPage(sessions, ctx.query, SESSION_KEY);
	return {
		...page,
		items: page.items.map((session) => toV3(ctx.store, session, { detailed: true })),
	};
}

function register(emulator) {
	const v3 = (method, pattern, handler, permission) =>
		emulator.route(method, pattern, handler, { version: 'v3', permission });

	v3(
		'GET',
		'/v3/self',
		(ctx) => {
			const p = ctx.principal;
			if (p.principal_type === 'pat_user')
				return { principal_type: p.principal_type, user_id: p.user_id, org_id: p.org_id };
			return {
				principal_type: p.principal_type,
				service_user_id: p.service_user_id,
				service_user_name: p.service_user_name,
				org_id: p.org_id,
			};
		},
		'ReadAccountMeta',
	);

	v3(
		'POST',
		`${ORG}/sessions`,
		(ctx) => {
			const body = validate(ctx.json(), SESSION_CREATE);
			if (body.platform !== undefined && !PLATFORMS.includes(body.platform)) {
				throw detail(
					400,
					`Unknown platform "${body.platform}". Valid platforms: ${PLATFORMS.join(', ')}`,
				);
			}
			if (body.create_as_user_id)
				emulator.requirePermission(ctx.principal, 'ImpersonateOrgSessions', ctx.path);
			const session = ctx.store.create({
				org_id: ctx.orgId,
				prompt: body.prompt,
				title: body.title,
				tags: [...new Set(body.tags || [])],
				playbook_id: body.playbook_id,
				max_acu_limit: body.max_acu_limit,
				devin_mode: body.devin_mode,
				structured_output_schema: body.structured_output_schema,
				attachment_urls: body.attachment_urls,
				user_id: body.create_as_user_id || ctx.principal.user_id || null,
				service_user_id: body.create_as_user_id ? null : ctx.principal.service_user_id || null,
				origin: 'api',
			});
			return toV3(ctx.store, session, { detailed: false });
		},
		'ManageOrgSessions',
	);

	v3('GET', `${ORG}/sessions`, (ctx) => listSessions(ctx, [ctx.orgId]), 'ViewOrgSessions');

	v3(
		'GET',
		`${ORG}/sessions/:id`,
		(ctx) => toV3(ctx.store, sessionIn(ctx), { detailed: true }),
		'ViewOrgSessions',
	);

	v3(
		'DELETE',
		`${ORG}/sessions/:id`,
		(ctx) => {
			const session = sessionIn(ctx);
			ctx.store.terminate(session, ctx.query.archive === 'true');
			return toV3(ctx.store, session, { detailed: false });
		},
		'ManageOrgSessions',
	);

	v3(
		'POST',
		`${ORG}/sessions/:id/archive`,
		(ctx) => {
			const session = sessionIn(ctx);
			ctx.store.archive(session);
			return toV3(ctx.store, session, { detailed: false });
		},
		'ManageOrgSessions',
	);

	v3(
		'GET',
		`${ORG}/sessions/:id/messages`,
		(ctx) => {
			const session = sessionIn(ctx);
			validate(
				ctx.query,
				{ first: LIST_QUERY.first, after: LIST_QUERY.after },
				{ location: 'query', forbidExtra: false },
			);
			const page = cursorPage(session.messages, ctx.query, MESSAGE_KEY);
			return { ...page, items: page.items.map(toV3Message) };
		},
		'ViewOrgSessions',
	);

	v3(
		'POST',
		`${ORG}/sessions/:id/messages`,
		(ctx) => {
			const body = validate(ctx.json(), MESSAGE_CREATE);
			if (body.message_as_user_id)
				emulator.requirePermission(ctx.principal, 'ImpersonateOrgSessions', ctx.path);
			const session = sessionIn(ctx);
			if (session.is_archived)
				throw detail(400, `Session ${session.session_id} is archived and cannot receive messages`);
			if (['exit', 'error'].includes(session.status)) {
				throw detail(
					400,
					`Session ${session.session_id} has ended (${session.status}) and cannot receive messages`,
				);
			}
			ctx.store.message(session, body.message);
			return toV3(ctx.store, session, { detailed: false });
		},
		'ManageOrgSessions',
	);

	v3(
		'GET',
		'/v3/enterprise/sessions',
		(ctx) => {
			const orgIds = ctx.queryAll.org_ids;
			// Without org_ids Devin returns every organization's sessions.
			return listSessions(ctx, orgIds && orgIds.length ? orgIds : undefined);
		},
		'ViewAccountSessions',
	);

	emulator.route('GET', '/sessions/:id', (ctx) => {
		const session = ctx.store.get(`devin-${ctx.params.id}`) || ctx.store.get(ctx.params.id);
		if (!session) throw problem(404, 'Session not found', ctx.path);
		const escape = (text) =>
			String(text ?? '').replace(
				/[&<>"]/g,
				(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
			);
		const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escape(session.title || session.session_id)}</title>
<style>body{font:15px system-ui;margin:2rem;max-width:50rem}li{margin:.4rem 0}code{background:#eef}</style></head><body>
<p>Devin API emulator: this page stands in for the Devin web app.</p>
<h1>${escape(session.title || '(untitled session)')}</h1>
<p><code>${escape(session.session_id)}</code> · status <b>${escape(session.status)}</b> ${escape(session.status_detail || '')} · ${session.acus_consumed} ACUs</p>
<ul>${session.messages.map((m) => `<li><b>${m.source}</b>: ${escape(m.message)}</li>`).join('')}</ul>
<ul>${session.pull_requests.map((pr) => `<li>PR: ${escape(pr.pr_url)} (${escape(pr.pr_state)})</li>`).join('')}</ul>
</body></html>`;
		return new Reply({
			raw: (res) => {
				res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
				res.end(html);
			},
		});
	});
}

module.exports = { register, filterSessions, SESSION_KEY };
