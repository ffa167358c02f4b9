import { guardTag } from '../../../../../nodes/Devin/helpers/idempotency';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { failure } from '../../../../helpers/failure';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();

const create = (options: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	resource: 'session',
	operation: 'create',
	prompt: 'Fix ticket 42',
	options,
	...extra,
});

/** The org is in the credential, so the request counts are the create guard's alone. */
const withOrg = () =>
	credentialsFor(ctx.emulator, 'service', { organizationId: ctx.emulator.info().orgId });

/** Sessions that still run (and cost): the ones nobody terminated. */
const running = () => ctx.emulator.store.list().filter((session) => session.status !== 'exit');

describe('session.create with an Idempotency Key', () => {
	it('creates once, then returns the same session for the same key with one request', async () => {
		const credentials = withOrg();
		const [first] = await runNode({ credentials, parameters: create({ idempotencyKey: 'T-42' }) });
		expect(first.json.isNewSession).toBe(true);
		const session = ctx.emulator.store.get(String(first.json.sessionId));
		expect(session?.tags).toEqual([guardTag('key', 'T-42')]);
		// look-up, create, check after creating
		expect(apiRequests(ctx.emulator).map((entry) => entry.method)).toEqual(['GET', 'POST', 'GET']);
		const lookUp = apiRequests(ctx.emulator, 'GET')[0];
		expect(lookUp.query.tags).toEqual([guardTag('key', 'T-42')]);
		expect(lookUp.query.created_after).toHaveLength(1);

		ctx.emulator.requests.length = 0;
		const [second] = await runNode({ credentials, parameters: create({ idempotencyKey: 'T-42' }) });
		expect(second.json).toMatchObject({ sessionId: first.json.sessionId, isNewSession: false });
		expect(apiRequests(ctx.emulator)).toHaveLength(1);
		expect(ctx.emulator.store.list()).toHaveLength(1);
	});

	it('returns a finished session and its result at once, also with Wait for Completion on', async () => {
		const credentials = withOrg();
		const [first] = await runNode({ credentials, parameters: create({ idempotencyKey: 'T-7' }) });
		ctx.emulator.store.patch(ctx.emulator.store.get(String(first.json.sessionId)), {
			status: 'running',
			status_detail: 'finished',
			structured_output: { fixed: true },
		});
		ctx.emulator.requests.length = 0;
		const [again] = await runNode({
			credentials,
			parameters: create({ idempotencyKey: 'T-7' }, { waitForCompletion: true }),
		});
		expect(again.json).toMatchObject({
			sessionId: first.json.sessionId,
			isNewSession: false,
			phase: 'finished',
			structuredOutput: { fixed: true },
		});
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(0);
		expect(apiRequests(ctx.emulator)).toHaveLength(2); // the look-up and one status check
	});

	it('ends with one running session when five executions create with one key at once', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const outputs = await Promise.all(
			Array.from({ length: 5 }, async () =>
				runNode({ credentials, parameters: create({ idempotencyKey: 'same-moment' }) }),
			),
		);
		const ids = new Set(outputs.map(([item]) => item.json.sessionId));
		expect(ids.size).toBe(1);
		expect(running()).toHaveLength(1);
		expect(running()[0].session_id).toBe([...ids][0]);
		const created = apiRequests(ctx.emulator, 'POST').length;
		// Every execution that created a duplicate terminated it itself.
		expect(apiRequests(ctx.emulator, 'DELETE')).toHaveLength(created - 1);
		expect(outputs.filter(([item]) => item.json.isNewSession === true)).toHaveLength(1);
	});

	it('starts a new session once the earlier one is older than the Reuse Window', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const now = ctx.emulator.clock.now();
		const [old] = ctx.emulator.seedSessions(1, {
			tags: [guardTag('key', 'weekly')],
			status: 'exit',
			created_at: now - 25 * 3600_000,
			updated_at: now - 24 * 3600_000,
		});
		const [item] = await runNode({
			credentials,
			parameters: create({ idempotencyKey: 'weekly', reuseWindowHours: 24 }),
		});
		expect(item.json.isNewSession).toBe(true);
		expect(item.json.sessionId).not.toBe(old.session_id);
		const [again] = await runNode({
			credentials,
			parameters: create({ idempotencyKey: 'weekly', reuseWindowHours: 48 }),
		});
		expect(again.json.sessionId).toBe(old.session_id);
	});

	it('lets an AI agent call Create twice for one task without paying twice', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const call = async () =>
			(
				await runNode({
					credentials,
					nodeTypeName: 'devinTool',
					// What the model filled in through the tool's optional Idempotency_Key.
					parameters: create({ idempotencyKey: 'JIRA-9' }),
				})
			)[0].json;
		const first = await call();
		const second = await call();
		expect(second).toMatchObject({ sessionId: first.sessionId, isNewSession: false });
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
	});

	it('works with legacy v1 keys too', async () => {
		const credentials = credentialsFor(ctx.emulator, 'legacy');
		const [first] = await runNode({
			credentials,
			parameters: create({ idempotencyKey: 'v1-key' }),
		});
		const [second] = await runNode({
			credentials,
			parameters: create({ idempotencyKey: 'v1-key' }),
		});
		expect(first.json.isNewSession).toBe(true);
		expect(second.json).toMatchObject({ sessionId: first.json.sessionId, isNewSession: false });
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
	});

	it('refuses bad settings before any request', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const window = await failure(
			runNode({ credentials, parameters: create({ idempotencyKey: 'k', reuseWindowHours: 0 }) }),
		);
		expect(window.message).toMatch(/^Reuse Window \(Hours\): must be a whole number of at least 1, got 0$/);
		const tags = await failure(
			runNode({
				credentials,
				parameters: create(
					{ idempotencyKey: 'k' },
					{ additionalFields: { tags: Array.from({ length: 50 }, (_, i) => `t${i}`).join(',') } },
				),
			}),
		);
		expect(tags.message).toMatch(
			/^Tags: has 50 entries; with an Idempotency Key the node adds one tag/,
		);
		expect(tags.description).toBe('Remove 1 of them.');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('says which duplicate to terminate when terminating it fails', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const [winner] = ctx.emulator.seedSessions(1, {
			tags: [guardTag('key', 'raced')],
			status: 'running',
			status_detail: 'working',
		});
		// The look-up misses the winner (Devin's list lagging), the check after creating sees it.
		ctx.emulator.addFault({
			method: 'GET',
			path: '/sessions',
			status: 200,
			body: { items: [], has_next_page: false, end_cursor: null },
		});
		ctx.emulator.addFault({
			method: 'DELETE',
			path: '/sessions/',
			status: 400,
			body: { detail: 'nope' },
		});
		const error = await failure(
			runNode({ credentials, parameters: create({ idempotencyKey: 'raced' }) }),
		);
		const [post] = apiRequests(ctx.emulator, 'POST');
		expect(post).toBeDefined();
		expect(error.message).toMatch(
			new RegExp(`duplicates session ${winner.session_id} and could not be terminated`),
		);
		expect(error.description).toMatch(/Terminate devin-[0-9a-f]+ in Devin so it stops using ACUs/);
	});
});

describe('session.create with Dedupe by Title', () => {
	it('ends with one running session when two executions create the same title at once', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const parameters = create({}, { additionalFields: { title: 'Nightly bump' } });
		const outputs = await Promise.all([
			runNode({ credentials, parameters }),
			runNode({ credentials, parameters }),
		]);
		expect(outputs[0][0].json.sessionId).toBe(outputs[1][0].json.sessionId);
		expect(running()).toHaveLength(1);
		// One filtered request finds the title; no paging through the day's sessions.
		for (const entry of apiRequests(ctx.emulator, 'GET', '/sessions'))
			expect(entry.query.tags).toEqual([guardTag('title', 'Nightly bump')]);
	});

	it('gives way to an Idempotency Key', async () => {
		const credentials = credentialsFor(ctx.emulator);
		await runNode({
			credentials,
			parameters: create({ idempotencyKey: 'k1' }, { additionalFields: { title: 'Same title' } }),
		});
		const [other] = await runNode({
			credentials,
			parameters: create({ idempotencyKey: 'k2' }, { additionalFields: { title: 'Same title' } }),
		});
		expect(other.json.isNewSession).toBe(true);
		expect(ctx.emulator.store.list()).toHaveLength(2);
	});
});
