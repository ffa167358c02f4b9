import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { classifySession, type SessionPhase } from '../../../../nodes/Devin/helpers/lifecycle';
import {
	PHASE_EVENTS,
	TRIGGER_EVENTS,
	type TriggerEvent,
} from '../../../../nodes/Devin/trigger/events';
import { pollSessions } from '../../../../nodes/Devin/trigger/poll';
import type { TriggerState } from '../../../../nodes/Devin/trigger/state';
import { waitsOf } from '../../../helpers/timing';
import { MODEL_FAULTS, ModelServer, modelPollContext, type ModelSession } from './model';

// Retries wait out nothing here: the model answers at once, and the waits are only recorded.
jest.mock('../../../../nodes/Devin/transport/sleep', () =>
	jest.requireActual('../../../helpers/timing').recordingSleep(),
);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HISTORIES = 2_000;

type Status = [string, string | null];
const STATUSES: Status[] = [
	['claimed', null],
	['running', 'working'],
	['running', 'waiting_for_user'],
	['running', 'waiting_for_approval'],
	['running', 'finished'],
	['resuming', null],
	['suspended', 'inactivity'],
	['suspended', 'user_request'],
	['suspended', 'out_of_credits'],
	['suspended', 'error'],
	['error', null],
	['exit', null],
];
const ACTIVE = STATUSES.filter(([status]) => !['suspended', 'exit', 'error'].includes(status));
const RESTING = STATUSES.filter(([status]) => ['suspended', 'exit', 'error'].includes(status));
const ended = (session: ModelSession) => ['exit', 'error'].includes(session.status);
const phaseOf = (session: ModelSession): SessionPhase =>
	classifySession({ status: session.status, status_detail: session.detail });

/** Decisions drawn from a stream fast-check generates (and shrinks). */
class Choices {
	private index = 0;
	constructor(private readonly values: number[]) {}
	next(range: number): number {
		const value = this.values.length ? this.values[this.index++ % this.values.length] : 0;
		return value % range;
	}
	chance(percent: number): boolean {
		return this.next(100) < percent;
	}
	pick<T>(list: T[]): T {
		return list[this.next(list.length)];
	}
}

class Crash extends Error {}

/** The events that happened, kept as a multiset so duplicates and misses both show. */
class Ledger {
	readonly counts = new Map<string, number>();
	add(key: string): void {
		this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
	}
	sorted(): string[] {
		return [...this.counts.entries()]
			.flatMap(([key, count]) => Array<string>(count).fill(key))
			.sort();
	}
}

const eventKey = (session: string, event: string, pr = '') => `${session} ${event} ${pr}`;

/** Across all histories: how many polls met a fault, and how many of them failed. */
export const faultTotals = { faulted: 0, failed: 0, brokenRequests: 0 };
const FAULT_KINDS = Object.keys(MODEL_FAULTS);

/**
 * One random history: sessions that exist before activation (recently busy, or long asleep or
 * ended), then rounds of changes and polls with n8n's clock up to five minutes off, poll budgets
 * that cut listings short, changes between pages, replayed polls, crashes in the middle of a poll,
 * lost quiet polls, and faults (every kind of the fault matrix) at random polls, on any page, short
 * enough to be retried away or long enough to fail the poll. Returns what happened and what the
 * trigger fired.
 */
export async function simulate(
	values: number[],
	trace?: string[],
): Promise<{ expected: string[]; fired: string[] }> {
	const choose = new Choices(values);
	const server = new ModelServer();
	waitsOf().length = 0;
	// Small pages make long listings: with one session a page, one listing can span many polls.
	server.pageSize = 1 + choose.next(3);
	const note = (line: () => string) => trace?.push(line());
	const subscribed = TRIGGER_EVENTS.map((entry) => entry.value).filter(() => choose.chance(60));
	if (subscribed.length === 0) subscribed.push('sessionStatusChanged');
	const expected = new Ledger();
	const fired = new Ledger();
	const happened = (session: ModelSession, event: TriggerEvent, pr?: string) => {
		if (subscribed.includes(event)) expected.add(eventKey(session.id, event, pr));
	};

	// Long-idle sessions the trigger never saw: only being woken up can tell it something happened.
	const unseenIdle = new Set<string>();
	for (let index = choose.next(6); index > 0; index--) {
		if (choose.chance(50)) {
			const created = server.now - (1 + choose.next(20)) * HOUR;
			const [status, detail] = choose.chance(20)
				? (['new', null] as Status)
				: choose.pick(STATUSES);
			server.create({
				createdAt: created,
				updatedAt: created + choose.next(HOUR),
				status,
				detail,
				prs: choose.chance(30) ? [`pr-old-${index}`] : [],
			});
		} else {
			const created = server.now - (3 + choose.next(7)) * DAY;
			const [status, detail] = choose.pick(RESTING);
			const session = server.create({
				createdAt: created,
				updatedAt: created + DAY,
				status,
				detail,
			});
			if (!ended(session)) unseenIdle.add(session.id);
		}
	}

	const parameters: IDataObject = { events: subscribed, filters: {} };
	const staticData: IDataObject = {};
	let ms = 0;

	/*
	 * What the trigger can have seen, by order of events: every change and every listing start
	 * takes a tick. A change is seen once a listing that started after it has completed; a session
	 * only changes again after that (one change between two looks, so each one can be seen).
	 */
	let tick = 0;
	const lastChange = new Map<string, number>();
	let listingStart = 0;
	let seenUpTo = 0;
	let saved = { state: '{}', listingStart, seenUpTo };
	const save = () => {
		saved = { state: JSON.stringify(staticData), listingStart, seenUpTo };
	};
	const restore = () => {
		for (const key of Object.keys(staticData)) delete staticData[key];
		Object.assign(staticData, JSON.parse(saved.state) as IDataObject);
		({ listingStart, seenUpTo } = saved);
	};
	const recordFired = (result: INodeExecutionData[][] | null) => {
		for (const { json } of result?.[0] ?? []) {
			const pr = (json.pullRequest as IDataObject | undefined)?.prUrl;
			fired.add(
				eventKey(String(json.sessionId), String(json.event), pr === undefined ? '' : String(pr)),
			);
		}
	};
	const listingOpen = () => (staticData as unknown as TriggerState).cycle !== undefined;
	const poll = async (crashAtPage?: number): Promise<INodeExecutionData[][] | null> => {
		const skew = (choose.next(601) - 300) * 1000;
		const clock = {
			nowSeconds: () => Math.floor((server.now + skew) / 1000),
			nowMs: () => (ms += 1),
		};
		const budget = choose.chance(40) ? 1 + choose.next(3) : 60_000;
		const context = modelPollContext(server, parameters, staticData, budget);
		if (!listingOpen()) listingStart = ++tick;
		let pages = 0;
		const hook = server.afterPage;
		server.afterPage = () => {
			hook?.();
			pages += 1;
			if (crashAtPage !== undefined && pages >= crashAtPage) throw new Crash();
		};
		try {
			const result = await pollSessions.call(context, clock);
			if (!listingOpen()) seenUpTo = Math.max(seenUpTo, listingStart);
			return result;
		} finally {
			server.afterPage = undefined;
		}
	};

	// Activation: the listing may take several polls when the budget is small; none fires.
	for (let attempt = 0; attempt < 200; attempt++) {
		expect(await poll()).toBeNull();
		if (!listingOpen()) break;
	}
	save();

	const mark = (session: ModelSession) => lastChange.set(session.id, ++tick);
	const seen = (session: ModelSession) => (lastChange.get(session.id) ?? 0) < seenUpTo;
	const change = (session: ModelSession, target: Status) => {
		const before = phaseOf(session);
		note(
			() =>
				`t=${Math.floor(server.now / 1000)} change ${session.id} ${before} -> ${target.join('/')}`,
		);
		server.update(session, { status: target[0], detail: target[1] });
		mark(session);
		const after = phaseOf(session);
		if (after === before) return;
		const phaseEvent = PHASE_EVENTS[after];
		if (phaseEvent) happened(session, phaseEvent);
		happened(session, 'sessionStatusChanged');
	};
	// A long-idle session can only be woken up (a message): staying asleep tells nothing.
	const targetFor = (session: ModelSession) =>
		choose.pick(unseenIdle.delete(session.id) ? ACTIVE : STATUSES);

	const rounds = 1 + choose.next(10);
	for (let round = 0; round <= rounds + 2; round++) {
		const quiet = round >= rounds; // the last rounds only poll, so everything gets seen
		server.now += (1 + choose.next(300)) * 1000;
		if (!quiet) {
			for (const session of server.sessions) {
				if (ended(session) || !seen(session)) continue;
				if (choose.chance(35)) {
					change(session, targetFor(session));
				} else if (
					choose.chance(20) &&
					session.status === 'running' &&
					!unseenIdle.has(session.id)
				) {
					const pr = `pr-${session.id}-${session.prs.length + 1}`;
					server.update(session, { prs: [...session.prs, pr] });
					mark(session);
					happened(session, 'pullRequestOpened', pr);
				} else if (choose.chance(10)) {
					server.update(session, { tags: [...session.tags, `t${round}`] });
				}
			}
			for (let created = choose.next(3); created > 0; created--) {
				const session = server.create();
				mark(session);
				happened(session, 'sessionCreated');
				happened(session, 'sessionStatusChanged');
			}
		}

		let crashes = 0;
		let losses = 0;
		for (let attempt = 0; attempt < 200; attempt++) {
			if (!quiet && attempt < 10 && choose.chance(25)) {
				// A change lands between two pages of this poll.
				const candidates = server.sessions.filter(
					(session) => !ended(session) && seen(session) && !unseenIdle.has(session.id),
				);
				if (candidates.length) {
					const session = choose.pick(candidates);
					const target = choose.pick(STATUSES);
					let pagesLeft = choose.next(3);
					server.afterPage = () => {
						if (pagesLeft-- === 0) change(session, target);
					};
				}
			}
			if (crashes < 2 && choose.chance(8)) {
				// n8n dies in the middle of this poll: its state and events are lost, the next poll redoes it.
				crashes += 1;
				await poll(1 + choose.next(3)).catch((error: unknown) => {
					if (!(error instanceof Crash) && !String((error as Error).message).includes('Devin'))
						throw error;
				});
				restore();
				note(() => 'crashed mid-poll; state restored');
				continue;
			}
			if (attempt < 40 && choose.chance(15)) {
				// A fault: n8n keeps the static data in memory, so a failed poll must not have touched it.
				server.fault = {
					kind: choose.pick(FAULT_KINDS),
					skip: choose.next(3),
					count: 1 + choose.next(6),
					after: choose.chance(50),
				};
				const before = JSON.stringify(staticData);
				const broken = server.broken;
				faultTotals.faulted += 1;
				const failed = await poll().then(
					(result) => {
						recordFired(result);
						return undefined;
					},
					(error: unknown) => error as Error,
				);
				server.fault = undefined;
				faultTotals.brokenRequests += server.broken - broken;
				if (failed) {
					faultTotals.failed += 1;
					expect(failed.message).toMatch(
						/answered \d{3}|The request to the Devin API at \S+ failed: /,
					);
					expect(JSON.stringify(staticData)).toBe(before);
					note(() => `poll failed under ${failed.message}; state kept`);
				} else {
					save();
				}
				server.now += 60_000;
				continue;
			}
			const result = await poll();
			note(
				() =>
					`t=${Math.floor(server.now / 1000)} poll -> ${JSON.stringify((result?.[0] ?? []).map((item) => [item.json.sessionId, item.json.event]))} state=${JSON.stringify(staticData)}`,
			);
			recordFired(result);
			const learned =
				JSON.stringify((JSON.parse(saved.state) as TriggerState).sessions) !==
				JSON.stringify((staticData as unknown as TriggerState).sessions);
			if (result || learned || choose.chance(70)) {
				// n8n saves with every emit; newer versions also commit quiet polls.
				save();
			} else if (losses < 2 && choose.chance(30)) {
				// A quiet poll that learned nothing new and was never saved: only its cursor is lost.
				losses += 1;
				restore();
				note(() => 'quiet poll lost; state restored');
			}
			server.now += 60_000;
			const allSeen = server.sessions.every(
				(session) => ended(session) || seen(session) || unseenIdle.has(session.id),
			);
			if (!listingOpen() && allSeen) break;
			if (choose.chance(15)) {
				// The same poll runs twice.
				recordFired(await poll());
				save();
			}
		}
		note(
			() =>
				`round end: open=${listingOpen()} tick=${tick} seenUpTo=${seenUpTo} listingStart=${listingStart} unseen=${JSON.stringify(server.sessions.filter((session) => !(ended(session) || seen(session) || unseenIdle.has(session.id))).map((session) => [session.id, lastChange.get(session.id)]))}`,
		);
		expect(listingOpen()).toBe(false);
	}
	return { expected: expected.sorted(), fired: fired.sorted() };
}

describe('Devin Trigger over random histories', () => {
	it(`fires every event that happened exactly once, and nothing else (${HISTORIES} histories)`, async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.nat({ max: 9_999 }), { minLength: 20, maxLength: 400 }),
				async (values) => {
					const { expected, fired } = await simulate(values);
					expect(fired).toEqual(expected);
				},
			),
			{ numRuns: HISTORIES },
		);
		// The faults did happen, and some were long enough to fail the poll they met.
		expect(faultTotals.faulted).toBeGreaterThan(HISTORIES / 2);
		expect(faultTotals.failed).toBeGreaterThan(HISTORIES / 10);
		expect(faultTotals.brokenRequests).toBeGreaterThan(faultTotals.faulted);
	}, 120_000);
});
