import { failure } from '../../../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

// Each request moves the clock 10 s: an analysis (ready 30 s after it starts) appears within a few polls.
const ctx = useEmulator({ advancePerRequestMs: 10_000 });

const insight = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'insight',
	operation,
	...extra,
});
const locator = (id: string) => ({ __rl: true, mode: 'id', value: id });
const seed = (fields: Record<string, unknown> = {}) =>
	ctx.emulator.seedSessions(1, { status: 'running', status_detail: 'finished', ...fields })[0];

describe('insights', () => {
	it('gets a session with its insight fields and phase', async () => {
		const session = seed();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: insight('get', { sessionId: locator(session.session_id) }),
		});
		expect(item.json).toMatchObject({
			sessionId: session.session_id,
			phase: 'finished',
			numUserMessages: 1,
			numDevinMessages: 0,
			sessionSize: 'xs',
			analysis: null,
		});
	});

	it('starts generation, and says so again without starting twice', async () => {
		const session = seed();
		const parameters = insight('generate', { sessionId: locator(session.session_id) });
		const [first] = await runNode({ credentials: credentialsFor(ctx.emulator), parameters });
		const [second] = await runNode({ credentials: credentialsFor(ctx.emulator), parameters });
		expect(first.json).toEqual({ sessionId: session.session_id, status: 'started' });
		expect(second.json).toEqual({ sessionId: session.session_id, status: 'already_exists' });
	});

	it('waits for the analysis with the same bounded wait as sessions', async () => {
		const session = seed();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: insight('generate', {
				sessionId: locator(session.session_id),
				waitForCompletion: true,
				pollIntervalSeconds: 0.01,
			}),
		});
		expect(item.json).toMatchObject({
			generation: 'started',
			analysis: { classification: expect.any(Object), actionItems: expect.any(Array) },
		});
		expect(apiRequests(ctx.emulator, 'GET', '/insights').length).toBeGreaterThan(1);
	});

	it('gives up at the timeout with a way forward', async () => {
		const session = seed();
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: insight('generate', {
					sessionId: locator(session.session_id),
					waitForCompletion: true,
					timeoutMinutes: 0.0001,
					pollIntervalSeconds: 0.01,
				}),
			}),
		);
		expect(error.message).toBe(`The insights of session ${session.session_id} are not ready yet`);
		expect(error.description).toMatch(/Raise Timeout \(Minutes\), or use the Get operation later/);
	});

	it('lists insights with the session filters, across pages', async () => {
		ctx.emulator.seedSessions(250, { tags: ['nightly'], status: 'exit' });
		ctx.emulator.seedSessions(5, { tags: ['other'], status: 'exit' });
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: insight('getMany', { returnAll: true, filters: { tags: 'nightly' } }),
		});
		expect(output).toHaveLength(250);
		const requests = apiRequests(ctx.emulator, 'GET', '/sessions/insights');
		expect(requests.map((entry) => entry.query.tags)).toEqual([['nightly'], ['nightly']]);
	});

	it('needs API v3, and says so before any request', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: insight('get', { sessionId: locator('devin-x') }),
			}),
		);
		expect(error.message).toBe(
			'Insight: Get is only available in Devin API v3; this credential uses v1',
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});
