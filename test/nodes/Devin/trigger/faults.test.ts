import type { INodeExecutionData } from 'n8n-workflow';

import {
	MAX_PAGE_SIZE,
	MAX_RATE_LIMIT_RETRIES,
	MAX_SERVER_RETRIES,
} from '../../../../nodes/Devin/constants';
import { failure } from '../../../helpers/failure';
import { credentialsFor, useEmulator, type Emulator } from '../../../helpers/emulator';
import { FAULTS, RAW_JAVASCRIPT, type FaultCase } from '../../../helpers/faults';
import { runPoll, type TestClock } from '../../../helpers/n8n';
import { waitsOf, withShortTimeout } from '../../../helpers/timing';
import { ORG_ID, startEmulator } from '../../../../emulator';

jest.mock('../../../../nodes/Devin/constants', () =>
	jest.requireActual('../../../helpers/timing').fastConstants(),
);
jest.mock('../../../../nodes/Devin/transport/sleep', () =>
	jest.requireActual('../../../helpers/timing').recordingSleep(),
);

/**
 * The Devin Trigger under every fault of the fault matrix: the poll fails loudly, what the trigger
 * remembers does not move, and the next good poll fires each event it missed exactly once.
 */

const ctx = useEmulator();
let other: Emulator;
beforeAll(async () => {
	other = await startEmulator({ manualClock: true });
});
afterAll(async () => await other.close());
beforeEach(() => {
	other.reset();
	waitsOf().length = 0;
});

const EVENTS = ['sessionFinished', 'sessionCreated'];
/** One more than a page of the session list holds. */
const NEW_SESSIONS = MAX_PAGE_SIZE + 1;

function trigger() {
	const staticData: Record<string, unknown> = {};
	let ms = 0;
	const clock: TestClock = {
		nowSeconds: () => Math.floor(ctx.emulator.clock.now() / 1000),
		nowMs: () => (ms += 1),
	};
	const poll = async (shortFrom?: number) =>
		await withShortTimeout(shortFrom, () =>
			runPoll({
				credentials: credentialsFor(ctx.emulator, 'service', { organizationId: ORG_ID }),
				parameters: { events: EVENTS, filters: {} },
				staticData,
				clock,
			}),
		);
	return { staticData, poll };
}

const emitted = (result: INodeExecutionData[][] | null) =>
	(result?.[0] ?? []).map((item) => `${item.json.event}:${String(item.json.title)}`).sort();

/** How often the failing request was sent: a rate limit is waited out on every request. */
function attempts(fault: FaultCase): number {
	if (fault.class === 'rate limit') return 1 + MAX_RATE_LIMIT_RETRIES;
	if (fault.class === 'redirect') return 1;
	return 1 + MAX_SERVER_RETRIES;
}

/**
 * Fails the poll under `fault` on its page `skip` + 1 and checks the failure; resolves once every
 * attempt reached Devin.
 */
async function failedPoll(
	poll: (shortFrom?: number) => Promise<unknown>,
	fault: FaultCase,
	skip = 0,
) {
	const before = ctx.emulator.requests.length;
	ctx.emulator.addFault({ ...fault.fault(other), skip });
	const error = await failure(poll(fault.class === 'timeout' ? skip : undefined));
	const text = `${error.message}\n${error.description}`;
	expect(text).not.toMatch(RAW_JAVASCRIPT);
	expect(error.message).toMatch(/answered \d{3}|The request to the Devin API at \S+ failed: /);
	if (fault.says) expect(error.message).toContain(fault.says);
	expect(error.description).toMatch(/try again|check|set base url|wait a minute/i);
	expect(text).not.toContain(ctx.emulator.info().keys.service);
	expect(waitsOf()).toHaveLength(attempts(fault) - 1);
	// A request the node gave up on may reach the emulator after the poll: wait for it.
	const sent = skip + attempts(fault);
	await ctx.emulator.waitForRequest((entry) => entry.seq >= before + sent);
	expect(ctx.emulator.requests.slice(before).map((entry) => entry.path)).toEqual(
		Array<string>(sent).fill(`/v3/organizations/${ORG_ID}/sessions`),
	);
	expect(other.requests.filter((entry) => entry.key !== null || entry.authorization)).toEqual([]);
	ctx.emulator.faults.length = 0;
	waitsOf().length = 0;
}

describe('Devin Trigger under every fault', () => {
	it.each(FAULTS.map((fault) => [fault.name, fault] as const))(
		'%s: fails loudly, keeps its state, then fires what it missed exactly once',
		async (_name, fault) => {
			const [working] = ctx.emulator.seedSessions(1, {
				status: 'running',
				status_detail: 'working',
				title: 'Working',
			});
			const { staticData, poll } = trigger();
			// Activation under the fault learns nothing; the next good poll starts watching.
			await failedPoll(poll, fault);
			expect(staticData).toEqual({});
			expect(await poll()).toBeNull();
			const remembered = JSON.stringify(staticData);

			ctx.emulator.clock.advance(60_000);
			ctx.emulator.store.patch(ctx.emulator.store.get(working.session_id), {
				status_detail: 'finished',
			});
			// More new sessions than one page holds: the fault hits the second page, after the first
			// was read, so anything the poll learnt from the first must be forgotten with it.
			ctx.emulator.seedSessions(NEW_SESSIONS, {
				status: 'new',
				title: 'New',
				created_at: ctx.emulator.clock.now(),
			});
			await failedPoll(poll, fault, 1);
			expect(JSON.stringify(staticData)).toBe(remembered);

			ctx.emulator.clock.advance(60_000);
			expect(emitted(await poll())).toEqual([
				...Array<string>(NEW_SESSIONS).fill('sessionCreated:New'),
				'sessionFinished:Working',
			]);
			ctx.emulator.clock.advance(60_000);
			expect(await poll()).toBeNull();
		},
	);
});
