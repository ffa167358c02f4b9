import type { INodeExecutionData } from 'n8n-workflow';

import { isTriggerState, type TriggerState } from '../../../../nodes/Devin/trigger/state';
import { failure } from '../../../helpers/failure';
import { apiRequests, credentialsFor, type KeyName, useEmulator } from '../../../helpers/emulator';
import { runPoll, type TestClock } from '../../../helpers/n8n';

const ctx = useEmulator();

const ALL_EVENTS = [
	'sessionFinished',
	'sessionNeedsInput',
	'sessionFailed',
	'sessionBlocked',
	'sessionCreated',
	'sessionStatusChanged',
	'pullRequestOpened',
];

/** n8n's clock: Devin's plus a skew; its milliseconds only pace the poll budget. */
function clock(skewSeconds = 0): TestClock {
	let ms = 0;
	return {
		nowSeconds: () => Math.floor(ctx.emulator.clock.now() / 1000) + skewSeconds,
		nowMs: () => (ms += 1),
	};
}

function trigger(
	options: {
		events?: string[];
		filters?: Record<string, unknown>;
		key?: KeyName;
		skew?: number;
		budgetMs?: number;
	} = {},
) {
	const staticData: Record<string, unknown> = {};
	const testClock = clock(options.skew);
	const poll = async (mode: 'trigger' | 'manual' = 'trigger') =>
		await runPoll({
			credentials: credentialsFor(ctx.emulator, options.key ?? 'service'),
			parameters: { events: options.events ?? ['sessionFinished'], filters: options.filters ?? {} },
			staticData,
			mode,
			clock: testClock,
			budgetMs: options.budgetMs,
		});
	return { staticData, poll };
}

const emitted = (result: INodeExecutionData[][] | null) =>
	(result?.[0] ?? []).map((item) => `${item.json.event}:${String(item.json.title)}`);

const later = (seconds: number) => ctx.emulator.clock.advance(seconds * 1000);
const set = (id: string, fields: Record<string, unknown>) =>
	ctx.emulator.store.patch(ctx.emulator.store.get(id), fields);

describe('Devin Trigger', () => {
	it('starts watching on activation without firing for anything that happened before', async () => {
		ctx.emulator.seedSessions(3, { status: 'running', status_detail: 'finished' });
		const { staticData, poll } = trigger({ events: ALL_EVENTS });
		expect(await poll()).toBeNull();
		expect(isTriggerState(staticData)).toBe(true);
		later(60);
		expect(await poll()).toBeNull();
	});

	it('fires Session Finished exactly once, also when a poll is replayed', async () => {
		const [session] = ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'working',
			title: 'Fix bug',
		});
		const { poll } = trigger();
		await poll();
		later(60);
		set(session.session_id, { status: 'running', status_detail: 'finished' });
		later(60);
		const fired = await poll();
		expect(emitted(fired)).toEqual(['sessionFinished:Fix bug']);
		expect(fired?.[0][0].json).toMatchObject({
			event: 'sessionFinished',
			previousPhase: 'working',
			phase: 'finished',
			sessionId: session.session_id,
		});
		expect(await poll()).toBeNull();
		later(60);
		expect(await poll()).toBeNull();
	});

	it('fires every event kind it is asked for, each once', async () => {
		const { poll } = trigger({ events: ALL_EVENTS });
		await poll();
		later(10);
		const [session] = ctx.emulator.seedSessions(1, {
			status: 'new',
			title: 'Story',
			created_at: ctx.emulator.clock.now(),
		});
		expect(emitted(await poll())).toEqual(['sessionCreated:Story', 'sessionStatusChanged:Story']);
		const steps: Array<[Record<string, unknown>, string[]]> = [
			[
				{ status: 'running', status_detail: 'waiting_for_user' },
				['sessionNeedsInput:Story', 'sessionStatusChanged:Story'],
			],
			[
				{
					status: 'running',
					status_detail: 'working',
					pull_requests: [{ pr_url: 'https://github.com/a/b/pull/1', pr_state: 'open' }],
				},
				['sessionStatusChanged:Story', 'pullRequestOpened:Story'],
			],
			[
				{ status: 'running', status_detail: 'finished' },
				['sessionFinished:Story', 'sessionStatusChanged:Story'],
			],
			[
				{ status: 'suspended', status_detail: 'out_of_credits' },
				['sessionBlocked:Story', 'sessionStatusChanged:Story'],
			],
			[
				{ status: 'suspended', status_detail: 'error' },
				['sessionFailed:Story', 'sessionStatusChanged:Story'],
			],
		];
		for (const [fields, expected] of steps) {
			later(60);
			set(session.session_id, fields);
			expect(emitted(await poll())).toEqual(expected);
		}
		later(60);
		expect(await poll()).toBeNull();
	});

	it('puts the pull request on its event', async () => {
		const [session] = ctx.emulator.seedSessions(1, { status: 'running', status_detail: 'working' });
		const { poll } = trigger({ events: ['pullRequestOpened'] });
		await poll();
		later(30);
		set(session.session_id, {
			pull_requests: [{ pr_url: 'https://github.com/acme/web/pull/9', pr_state: 'open' }],
		});
		const [[item]] = (await poll()) ?? [[]];
		expect(item.json).toMatchObject({
			event: 'pullRequestOpened',
			pullRequest: { prUrl: 'https://github.com/acme/web/pull/9', prState: 'open' },
		});
	});

	it('asks one question per idle poll, however big the organization', async () => {
		// Ten thousand sessions, last touched two days ago.
		ctx.emulator.seedSessions(10_000, {
			status: 'exit',
			created_at: ctx.emulator.clock.now() - 3 * 86_400_000,
			updated_at: ctx.emulator.clock.now() - 2 * 86_400_000,
		});
		const { poll } = trigger({ events: ALL_EVENTS });
		await poll();
		ctx.emulator.requests = [];
		for (let index = 0; index < 5; index++) {
			later(60);
			expect(await poll()).toBeNull();
		}
		const requests = apiRequests(ctx.emulator);
		expect(requests).toHaveLength(5);
		for (const request of requests) {
			expect(request.path).toBe('/v3/organizations/org-emulator-demo/sessions');
			expect(request.query.updated_after).toHaveLength(1);
		}
	});

	it('after a burst, asks one question per poll from the second poll after the last change', async () => {
		const { poll } = trigger({ events: ['sessionFinished'] });
		await poll();
		const burst = ctx.emulator.seedSessions(450, {
			status: 'running',
			status_detail: 'working',
			created_at: ctx.emulator.clock.now(),
		});
		later(60);
		expect(await poll()).toBeNull();
		// Two busy minutes: 450 sessions finish, more than two pages of changes.
		for (const part of [burst.slice(0, 300), burst.slice(300)]) {
			later(30);
			for (const session of part) set(session.session_id, { status_detail: 'finished' });
			later(30);
			expect(emitted(await poll())).toHaveLength(part.length);
		}
		const perPoll: number[] = [];
		for (let minute = 0; minute < 20; minute++) {
			later(60);
			ctx.emulator.requests = [];
			expect(await poll()).toBeNull();
			perPoll.push(apiRequests(ctx.emulator).length);
		}
		expect(perPoll).toEqual(Array<number>(20).fill(1));
	});

	it('carries what does not fit in one poll over to the next, dropping nothing', async () => {
		const { staticData, poll } = trigger({ events: ['sessionCreated'], budgetMs: 1 });
		await poll();
		later(10);
		ctx.emulator.seedSessions(450, { status: 'new', created_at: ctx.emulator.clock.now() });
		const first = emitted(await poll());
		expect(first).toHaveLength(200);
		expect((staticData as unknown as TriggerState).cycle?.next).toEqual(expect.any(String));
		const rest = [...emitted(await poll()), ...emitted(await poll())];
		expect(new Set([...first, ...rest]).size).toBe(450);
		expect((staticData as unknown as TriggerState).cycle).toBeUndefined();
		expect(await poll()).toBeNull();
	});

	it("stays exact when n8n's clock is five minutes off Devin's, either way", async () => {
		for (const skew of [300, -300]) {
			ctx.emulator.reset();
			const [session] = ctx.emulator.seedSessions(1, {
				status: 'running',
				status_detail: 'working',
				title: `skew ${skew}`,
			});
			const { poll } = trigger({ skew });
			await poll();
			later(5);
			set(session.session_id, { status: 'running', status_detail: 'finished' });
			expect(emitted(await poll())).toEqual([`sessionFinished:skew ${skew}`]);
			later(60);
			expect(await poll()).toBeNull();
		}
	});

	it('catches a session that finishes long after it started, and one woken after sleeping', async () => {
		const [longRunner] = ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'working',
			title: 'long',
		});
		const threeDaysAgo = ctx.emulator.clock.now() - 3 * 86_400_000;
		const [sleeper] = ctx.emulator.seedSessions(1, {
			status: 'suspended',
			status_detail: 'inactivity',
			title: 'sleeper',
			created_at: threeDaysAgo,
			updated_at: threeDaysAgo,
		});
		const { poll } = trigger({ events: ['sessionFinished'] });
		await poll();
		for (let hour = 0; hour < 6; hour++) {
			later(3600);
			set(longRunner.session_id, { acus_consumed: hour });
			expect(await poll()).toBeNull();
		}
		set(longRunner.session_id, { status: 'running', status_detail: 'finished' });
		set(sleeper.session_id, { status: 'running', status_detail: 'finished' });
		expect(emitted(await poll()).sort()).toEqual([
			'sessionFinished:long',
			'sessionFinished:sleeper',
		]);
	});

	it('does not fire when an ended session is merely touched', async () => {
		const threeDaysAgo = ctx.emulator.clock.now() - 3 * 86_400_000;
		const [ended] = ctx.emulator.seedSessions(1, {
			status: 'exit',
			created_at: threeDaysAgo,
			updated_at: threeDaysAgo,
		});
		const { poll } = trigger({ events: ALL_EVENTS });
		await poll();
		later(60);
		set(ended.session_id, { tags: ['archived-by-n8n'] });
		expect(await poll()).toBeNull();
	});

	it('forgets ended sessions once they leave the window, keeping its state small', async () => {
		const { staticData, poll } = trigger({ events: ['sessionFinished'] });
		await poll();
		later(10);
		const sessions = ctx.emulator.seedSessions(20, {
			status: 'running',
			status_detail: 'working',
			created_at: ctx.emulator.clock.now(),
		});
		await poll();
		for (const session of sessions) set(session.session_id, { status: 'exit' });
		expect(emitted(await poll())).toHaveLength(20);
		later(3600);
		ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'working',
			created_at: ctx.emulator.clock.now(),
		});
		await poll();
		expect(Object.keys((staticData as unknown as TriggerState).sessions)).toHaveLength(1);
		expect(JSON.stringify(staticData).length).toBeLessThan(1000);
	});

	it('starts over when the filters change', async () => {
		const [session] = ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'working',
			tags: ['a'],
		});
		const staticData: Record<string, unknown> = {};
		const run = (tags: string) =>
			runPoll({
				credentials: credentialsFor(ctx.emulator),
				parameters: { events: ['sessionFinished'], filters: { tags } },
				staticData,
				clock: clock(),
			});
		await run('a');
		const firstScope = (staticData as unknown as TriggerState).scope;
		later(60);
		set(session.session_id, { status: 'running', status_detail: 'finished' });
		expect(await run('a, b')).toBeNull();
		expect((staticData as unknown as TriggerState).scope).not.toBe(firstScope);
	});

	it('applies its filters: all tags, title, creator', async () => {
		const { poll } = trigger({
			events: ['sessionCreated'],
			filters: { tags: 'n8n, prod', titleContains: 'deploy', createdByThisKey: true },
		});
		await poll();
		later(10);
		const now = ctx.emulator.clock.now();
		const mine = { created_at: now, status: 'new', service_user_id: 'su-emulator-n8n' };
		ctx.emulator.seedSessions(1, { ...mine, title: 'Deploy web', tags: ['n8n', 'prod'] });
		ctx.emulator.seedSessions(1, { ...mine, title: 'Deploy api', tags: ['n8n'] });
		ctx.emulator.seedSessions(1, { ...mine, title: 'Refactor', tags: ['n8n', 'prod'] });
		ctx.emulator.seedSessions(1, {
			...mine,
			title: 'Deploy other',
			tags: ['n8n', 'prod'],
			service_user_id: 'su-someone-else',
		});
		expect(emitted(await poll())).toEqual(['sessionCreated:Deploy web']);
		expect(apiRequests(ctx.emulator, 'GET', '/sessions').at(-1)?.query).toMatchObject({
			tags: ['n8n', 'prod'],
			service_user_ids: ['su-emulator-n8n'],
		});
	});

	it('gives the latest matching session as a test event, leaving its state alone', async () => {
		ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'finished',
			title: 'older done',
		});
		ctx.emulator.seedSessions(1, { status: 'running', status_detail: 'working', title: 'busy' });
		const { staticData, poll } = trigger({ events: ['sessionFinished'] });
		const sample = await poll('manual');
		expect(emitted(sample)).toEqual(['sessionFinished:older done']);
		expect(staticData).toEqual({});
		await poll();
		const saved = JSON.stringify(staticData);
		await poll('manual');
		expect(JSON.stringify(staticData)).toBe(saved);
	});

	it('watches v1 sessions through their status_enum', async () => {
		const [session] = ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'working',
			title: 'legacy',
		});
		const { poll } = trigger({ key: 'legacy', events: ['sessionFinished', 'sessionNeedsInput'] });
		await poll();
		later(60);
		set(session.session_id, { status: 'running', status_detail: 'waiting_for_user' });
		expect(emitted(await poll())).toEqual(['sessionNeedsInput:legacy']);
		later(60);
		set(session.session_id, { status: 'exit' });
		expect(emitted(await poll())).toEqual(['sessionFinished:legacy']);
		expect(apiRequests(ctx.emulator, 'GET').every((entry) => entry.path === '/v1/sessions')).toBe(
			true,
		);
	});

	it('says which filters v1 cannot serve', async () => {
		const { poll } = trigger({ key: 'legacy', filters: { origins: ['slack'] } });
		const error = await failure(poll());
		expect(error.message).toBe(
			'The Origins filter is only available in Devin API v3; this credential uses v1',
		);
	});

	it('fails with a NodeApiError n8n recognises, without the key', async () => {
		const staticData: Record<string, unknown> = {};
		const credentials = { ...credentialsFor(ctx.emulator), apiKey: 'cog_example_revoked_key_0000' };
		const error = await failure(
			runPoll({
				credentials: { ...credentials, organizationId: 'org-emulator-demo' },
				parameters: { events: ['sessionFinished'] },
				staticData,
				clock: clock(),
			}),
		);
		expect(error.httpCode).toBe('401');
		expect(
			JSON.stringify({ message: error.message, description: error.description }),
		).not.toContain('cog_example_revoked_key_0000');
	});
});
