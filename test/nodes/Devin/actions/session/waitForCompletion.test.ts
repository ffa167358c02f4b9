import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';
import { failure } from '../../../../helpers/failure';
import { useVirtualTime } from '../../../../helpers/virtualTime';

// Every request moves the emulator's clock 20 s, so a session's two-minute story plays out in a few polls.
const ctx = useEmulator({ advancePerRequestMs: 20_000 });

const fast = { pollIntervalSeconds: 0.01 };

async function createAndWait(prompt: string, extra: Record<string, unknown> = {}) {
	return await runNode({
		credentials: credentialsFor(ctx.emulator),
		parameters: {
			resource: 'session',
			operation: 'create',
			prompt,
			waitForCompletion: true,
			...fast,
			additionalFields: {
				structuredOutputSchema: { type: 'object', properties: { summary: { type: 'string' } } },
			},
			...extra,
		},
	});
}

describe('waiting for a session', () => {
	it('create + wait returns the finished session with its PR and structured output', async () => {
		const [item] = await createAndWait('Fix the bug');
		expect(item.json).toMatchObject({
			phase: 'finished',
			status: 'running',
			statusDetail: 'finished',
			isNewSession: true,
			pullRequests: [{ prUrl: expect.stringMatching(/pull\/\d+$/), prState: 'open' }],
			structuredOutput: { summary: 'example summary' },
		});
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
		expect(apiRequests(ctx.emulator, 'GET', '/sessions/').length).toBeGreaterThan(1);
	});

	it.each([
		['#needs-input', 'waitingForUser', 'waiting_for_user'],
		['#approval', 'waitingForUser', 'waiting_for_approval'],
		['#fail', 'failed', null],
		['#blocked', 'blocked', 'out_of_credits'],
	])('stops when a %s session reaches %s', async (tag, phase, detail) => {
		const [item] = await createAndWait(`Task ${tag}`);
		expect(item.json.phase).toBe(phase);
		expect(item.json.statusDetail).toBe(detail);
	});

	it('keeps waiting through phases the user did not choose', async () => {
		// Started 30 minutes ago: finished by now, and put to sleep for inactivity two minutes from now.
		const createdAt = ctx.emulator.clock.now() - 30 * 60_000;
		const [session] = ctx.emulator.seedSessions(1, {
			scenario: 'success',
			created_at: createdAt,
		}) as Array<{ session_id: string }>;
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: {
				resource: 'session',
				operation: 'waitForCompletion',
				sessionId: { __rl: true, mode: 'id', value: session.session_id },
				stopOn: ['suspended'],
				...fast,
			},
		});
		expect(item.json).toMatchObject({ phase: 'suspended', statusDetail: 'inactivity' });
		// It saw the finished phase first and waited on through it.
		expect(apiRequests(ctx.emulator, 'GET').length).toBeGreaterThan(3);
	});

	it('fails at once when the session ends in a phase it was not waiting for', async () => {
		const error = await failure(createAndWait('Task #fail', { stopOn: ['finished'] }));
		expect(error.message).toMatch(
			/^Session devin-\w+ ended as Failed, which is not a phase to stop on$/,
		);
		expect(error.description).toMatch(/Add "Failed" to Stop On/);
	});

	it('gives up at the timeout, naming the last phase and how to recover', async () => {
		const started = Date.now();
		const error = await failure(createAndWait('Task #stall', { timeoutMinutes: 0.005 }));
		expect(Date.now() - started).toBeLessThan(3_000);
		expect(error.message).toMatch(/^Session (devin-\w+) is still Working after 0\.01 min$/);
		const id = /Session (devin-\w+)/.exec(error.message)?.[1];
		expect(error.description).toContain(
			`use the Wait for Completion operation later with session ID ${id}`,
		);
	});

	it('stops within a second when the execution is cancelled', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const running = runNode({
			credentials: credentialsFor(ctx.emulator),
			abortSignal: controller.signal,
			parameters: {
				resource: 'session',
				operation: 'create',
				prompt: 'Task #stall',
				waitForCompletion: true,
				pollIntervalSeconds: 30,
			},
		});
		// Stop it once the node sleeps between two polls of 30 s.
		await ctx.emulator.waitForRequest(
			(entry) => entry.method === 'GET' && entry.path.includes('/sessions/'),
		);
		controller.abort();
		const error = await failure(running);
		expect(Date.now() - started).toBeLessThan(1_500);
		expect(error.message).toBe('The execution was stopped while waiting for Devin');
	});

	it('waits on a v1 session until its status_enum says finished', async () => {
		const [created] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: {
				resource: 'session',
				operation: 'create',
				prompt: 'Legacy task',
				waitForCompletion: true,
				...fast,
			},
		});
		expect(created.json).toMatchObject({
			statusEnum: 'finished',
			phase: 'finished',
			isNewSession: true,
		});
		expect(apiRequests(ctx.emulator, 'GET', '/v1/sessions/').length).toBeGreaterThan(1);
	});

	it('rejects an empty Stop On before waiting', async () => {
		const error = await failure(createAndWait('x', { stopOn: [] }));
		expect(error.message).toBe('Stop On: has no phase selected');
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(0);
	});
});

describe('waiting on a long session, in virtual time', () => {
	const hourCtx = useEmulator();
	const HOUR = 3_600_000;

	afterEach(() => jest.restoreAllMocks());

	it('checks an hour-long session at most 40 times and sees its end within 2 minutes', async () => {
		const { emulator } = hourCtx;
		const [session] = emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'working',
			created_at: emulator.clock.now(),
		}) as Array<{ session_id: string }>;
		const time = useVirtualTime(emulator, (elapsedMs) => {
			if (elapsedMs >= HOUR)
				emulator.store.patch(emulator.store.get(session.session_id), {
					status_detail: 'finished',
				});
		});
		const [item] = await runNode({
			credentials: credentialsFor(emulator),
			parameters: {
				resource: 'session',
				operation: 'waitForCompletion',
				// Every wait setting keeps its default.
				sessionId: { __rl: true, mode: 'id', value: session.session_id },
			},
		});
		expect(item.json.phase).toBe('finished');
		expect(apiRequests(emulator, 'GET', session.session_id).length).toBeLessThanOrEqual(40);
		expect(time.elapsedMs() - HOUR).toBeLessThanOrEqual(120_000);
		expect(Math.max(...time.sleeps)).toBeLessThanOrEqual(120_000);
	});

	it('checks at once after Send Message, before any wait', async () => {
		const { emulator } = hourCtx;
		const [session] = emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'finished',
		}) as Array<{ session_id: string }>;
		const sessionRequests = () => apiRequests(emulator, undefined, session.session_id);
		let requestsBeforeFirstSleep = -1;
		useVirtualTime(emulator, () => {
			if (requestsBeforeFirstSleep < 0) requestsBeforeFirstSleep = sessionRequests().length;
		});
		await runNode({
			credentials: credentialsFor(emulator),
			parameters: {
				resource: 'session',
				operation: 'sendMessage',
				sessionId: { __rl: true, mode: 'id', value: session.session_id },
				message: 'Also update the changelog',
				waitForCompletion: true,
			},
		});
		const [post, firstCheck] = sessionRequests();
		expect(post.method).toBe('POST');
		expect(firstCheck).toMatchObject({ method: 'GET' });
		expect(firstCheck.path).toMatch(new RegExp(`/sessions/${session.session_id}$`));
		expect(requestsBeforeFirstSleep).toBe(2);
	});
});
