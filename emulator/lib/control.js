'use strict';

const { detail, parseJson } = require('./http');
const { ORG_ID } = require('./principals');

/**
 * `/_emulator/*`: test and demo controls, no auth, loopback only.
 *   GET    /_emulator/info                  URL, organization IDs, ready-made keys, clock
 *   POST   /_emulator/reset                 forget everything
 *   POST   /_emulator/clock {advanceMs}     move the clock forward
 *   GET    /_emulator/requests?since=N      the request log (API calls only)
 *   DELETE /_emulator/requests              clear it
 *   POST   /_emulator/faults {...}          next matching requests fail: {kind: status|html|text|empty|
 *                                           redirect|truncated|reset|hang|delay, status, retryAfter, body,
 *                                           location, method, path, count, skip, after, delayMs}
 *   DELETE /_emulator/faults                clear faults
 *   POST   /_emulator/sessions {...}        seed sessions: {count, org_id, title, tags, status, status_detail, created_at, scenario, prompt}
 *   GET    /_emulator/sessions/:id          a session with its internal fields
 *   PATCH  /_emulator/sessions/:id {...}    set fields (status, status_detail, pull_requests, structured_output, …)
 *   POST   /_emulator/sink                  any JSON: stands in for Slack and other webhooks in examples
 *   GET    /_emulator/sink                  what was posted there, oldest first
 */
function register(emulator) {
	const body = (ctx) => parseJson(ctx.bodyBuffer) || {};

	emulator.route('GET', '/_emulator/info', () => emulator.info());

	emulator.onReset(() => {
		emulator.data.sink = [];
	});
	emulator.route('POST', '/_emulator/sink', (ctx) => {
		emulator.data.sink.push({
			at: new Date().toISOString(),
			body: parseJson(ctx.bodyBuffer) ?? null,
		});
		return { ok: true };
	});
	emulator.route('GET', '/_emulator/sink', () => ({ posts: emulator.data.sink }));

	emulator.route('POST', '/_emulator/reset', () => {
		emulator.reset();
		return { ok: true };
	});

	emulator.route('POST', '/_emulator/clock', (ctx) => ({
		now: emulator.clock.advance(body(ctx).advanceMs),
	}));

	emulator.route('GET', '/_emulator/requests', (ctx) => {
		const since = Number(ctx.query.since || 0);
		return { requests: emulator.requests.filter((entry) => entry.seq > since) };
	});

	emulator.route('DELETE', '/_emulator/requests', () => {
		emulator.requests = [];
		return { ok: true };
	});

	emulator.route('POST', '/_emulator/faults', (ctx) => emulator.addFault(body(ctx)));

	emulator.route('DELETE', '/_emulator/faults', () => {
		emulator.faults = [];
		return { ok: true };
	});

	emulator.route('POST', '/_emulator/sessions', (ctx) => {
		const { count = 1, ...fields } = body(ctx);
		return {
			session_ids: seedSessions(emulator, count, fields).map((session) => session.session_id),
		};
	});

	emulator.route('GET', '/_emulator/sessions/:id', (ctx) => {
		const session = emulator.store.get(ctx.params.id);
		if (!session) throw detail(404, 'Session not found');
		return session;
	});

	emulator.route('PATCH', '/_emulator/sessions/:id', (ctx) => {
		const session = emulator.store.get(ctx.params.id);
		if (!session) throw detail(404, 'Session not found');
		return emulator.store.patch(session, body(ctx));
	});
}

/** Creates `count` sessions at once (10,000 for the trigger's cost test), spread back in time. */
function seedSessions(emulator, count, fields = {}) {
	const now = emulator.clock.now();
	const created = [];
	for (let index = 0; index < count; index++) {
		const createdAt =
			fields.created_at !== undefined ? fields.created_at : now - (count - index) * 1000;
		created.push(
			emulator.store.create({
				...fields,
				org_id: fields.org_id || ORG_ID,
				prompt: fields.prompt || `Seeded task ${index + 1}`,
				title: fields.title !== undefined ? fields.title : `Seeded session ${index + 1}`,
				tags: fields.tags || [],
				status: fields.status || (fields.scenario ? undefined : 'exit'),
				status_detail: fields.status_detail ?? null,
				scenario: fields.scenario,
				created_at: createdAt,
				updated_at: fields.updated_at !== undefined ? fields.updated_at : createdAt,
			}),
		);
	}
	return created;
}

module.exports = { register, seedSessions };
