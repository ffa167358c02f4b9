import { observe, prune } from '../../../../nodes/Devin/trigger/detect';
import { isTriggerState, type TriggerState } from '../../../../nodes/Devin/trigger/state';

const BASELINE = 1_800_000_000;

function freshState(): TriggerState {
	return { version: 1, scope: 's', baseline: BASELINE, floor: BASELINE - 300, sessions: {} };
}

const session = (fields: Record<string, unknown>) => ({
	session_id: 'devin-1',
	created_at: BASELINE - 3600,
	updated_at: BASELINE + 60,
	status: 'running',
	status_detail: 'working',
	pull_requests: [],
	...fields,
});

const events = (list: Array<{ event: string; previousPhase: unknown }>) =>
	list.map((entry) => `${entry.event}:${String(entry.previousPhase)}`);

describe('observe', () => {
	it('reports a session created inside the window as created, with its first phase', () => {
		const state = freshState();
		const found = observe(state, session({ created_at: BASELINE + 10 }), state.floor);
		expect(events(found)).toEqual(['sessionCreated:null', 'sessionStatusChanged:null']);
	});

	it('fires each phase event once per transition, and nothing when the phase stays', () => {
		const state = freshState();
		observe(state, session({ created_at: BASELINE + 10 }), state.floor);
		const finished = session({
			created_at: BASELINE + 10,
			status_detail: 'finished',
			updated_at: BASELINE + 90,
		});
		expect(events(observe(state, finished, state.floor))).toEqual([
			'sessionFinished:working',
			'sessionStatusChanged:working',
		]);
		expect(observe(state, { ...finished, updated_at: BASELINE + 95 }, state.floor)).toEqual([]);
		const again = session({ created_at: BASELINE + 10, status_detail: 'waiting_for_user' });
		expect(events(observe(state, again, state.floor))).toEqual([
			'sessionNeedsInput:finished',
			'sessionStatusChanged:finished',
		]);
	});

	it.each([
		['failed', { status: 'error', status_detail: null }, 'sessionFailed'],
		['blocked', { status: 'suspended', status_detail: 'out_of_quota' }, 'sessionBlocked'],
	])('fires the %s event', (_name, fields, expected) => {
		const state = freshState();
		observe(state, session({ created_at: BASELINE + 10 }), state.floor);
		expect(
			events(observe(state, session({ created_at: BASELINE + 10, ...fields }), state.floor))[0],
		).toBe(`${expected}:working`);
	});

	it('fires one event per new pull request', () => {
		const state = freshState();
		const pr = (n: number) => ({ pr_url: `https://github.com/a/b/pull/${n}`, pr_state: 'open' });
		observe(state, session({ created_at: BASELINE + 10 }), state.floor);
		const one = observe(
			state,
			session({ created_at: BASELINE + 10, pull_requests: [pr(1)] }),
			state.floor,
		);
		expect(one.map((event) => event.pullRequest)).toEqual([pr(1)]);
		const two = observe(
			state,
			session({ created_at: BASELINE + 10, pull_requests: [pr(1), pr(2)] }),
			state.floor,
		);
		expect(two.map((event) => event.pullRequest)).toEqual([pr(2)]);
		expect(
			observe(
				state,
				session({ created_at: BASELINE + 10, pull_requests: [pr(1), pr(2)] }),
				state.floor,
			),
		).toEqual([]);
	});

	it('treats an unseen idle session that is still at rest as unchanged, PRs and all', () => {
		const state = freshState();
		const asleep = session({
			status: 'suspended',
			status_detail: 'inactivity',
			pull_requests: [{ pr_url: 'u' }],
		});
		expect(observe(state, asleep, state.floor)).toEqual([]);
		expect(
			observe(
				state,
				session({ session_id: 'devin-2', status: 'exit', status_detail: null }),
				state.floor,
			),
		).toEqual([]);
	});

	it('treats an unseen idle session that is active as woken up', () => {
		const state = freshState();
		const woken = session({
			status: 'running',
			status_detail: 'finished',
			pull_requests: [{ pr_url: 'old' }],
		});
		expect(events(observe(state, woken, state.floor))).toEqual([
			'sessionFinished:suspended',
			'sessionStatusChanged:suspended',
		]);
	});
});

describe('prune', () => {
	it('forgets ended sessions out of the window, sleeping ones after a week, and keeps active ones', () => {
		const state = freshState();
		state.floor = BASELINE + 10_000;
		state.sessions = {
			ended: { phase: 'finished', rest: 'ended', updatedAt: BASELINE, prs: [] },
			endedRecent: { phase: 'finished', rest: 'ended', updatedAt: BASELINE + 20_000, prs: [] },
			asleep: { phase: 'suspended', rest: 'asleep', updatedAt: BASELINE, prs: [] },
			asleepLong: { phase: 'suspended', rest: 'asleep', updatedAt: BASELINE - 8 * 86_400, prs: [] },
			active: { phase: 'working', rest: 'active', updatedAt: BASELINE - 30 * 86_400, prs: [] },
		};
		prune(state);
		expect(Object.keys(state.sessions).sort()).toEqual(['active', 'asleep', 'endedRecent']);
	});

	it('keeps the state within its size bound, dropping the longest idle first', () => {
		const state = freshState();
		for (let index = 0; index < 1005; index++) {
			state.sessions[`s${index}`] = {
				phase: 'working',
				rest: 'active',
				updatedAt: BASELINE + index,
				prs: [],
			};
		}
		prune(state);
		expect(Object.keys(state.sessions)).toHaveLength(1000);
		expect(state.sessions.s0).toBeUndefined();
		expect(state.sessions.s1004).toBeDefined();
	});
});

describe('isTriggerState', () => {
	it('accepts its own state and rejects anything else', () => {
		expect(isTriggerState(freshState())).toBe(true);
		expect(isTriggerState({ ...freshState(), version: 2 })).toBe(false);
		expect(isTriggerState({ ...freshState(), floor: '1' })).toBe(false);
		expect(isTriggerState({ ...freshState(), sessions: { a: { phase: 'working' } } })).toBe(false);
		expect(isTriggerState({ lastTimeChecked: 'x' })).toBe(false);
		expect(isTriggerState(null)).toBe(false);
	});
});
