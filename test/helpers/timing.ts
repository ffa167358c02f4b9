// Test-only: the short timeout follows one run through its awaits, whatever else runs alongside.
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { AsyncLocalStorage } from 'async_hooks';

/**
 * Test-only timing for the fault matrices, injected with `jest.mock` so production constants stay
 * as they are. The node's sleeps (retry waits, Retry-After) are recorded with the wait they asked
 * for instead of being slept, so a matrix checks every wait without spending it; and inside
 * `withShortTimeout`, requests from the nth on give up after FAST_TIMEOUT_MS instead of 30 s.
 *
 *   jest.mock('…/nodes/Devin/constants', () => jest.requireActual('…/helpers/timing').fastConstants());
 *   jest.mock('…/nodes/Devin/transport/sleep', () => jest.requireActual('…/helpers/timing').recordingSleep());
 */

/** How long a request that hangs is waited for; every other request keeps the production timeout. */
export const FAST_TIMEOUT_MS = 400;

/** Per run (async context): requests from this index on get the short timeout. */
const runs = new AsyncLocalStorage<{ shortFrom: number; requests: number }>();

/** Runs `body` with a short timeout for its `shortFrom`th request (0-based) and every later one. */
export async function withShortTimeout<T>(
	shortFrom: number | undefined,
	body: () => Promise<T>,
): Promise<T> {
	if (shortFrom === undefined) return await body();
	return await runs.run({ shortFrom, requests: 0 }, body);
}

const NODE = '../../nodes/Devin';

/** The transport reads a timeout constant once per request it builds (retries reuse it). */
export function fastConstants(): Record<string, unknown> {
	const actual = jest.requireActual(`${NODE}/constants`) as Record<string, unknown>;
	const constants = { ...actual };
	for (const name of ['REQUEST_TIMEOUT_MS', 'CREATE_TIMEOUT_MS']) {
		Object.defineProperty(constants, name, {
			enumerable: true,
			get: () => {
				const run = runs.getStore();
				if (!run) return actual[name];
				return run.requests++ >= run.shortFrom ? FAST_TIMEOUT_MS : actual[name];
			},
		});
	}
	return constants;
}

/** The waits asked for, per execution (its cancel signal), in the order asked. */
const waits = new WeakMap<object, number[]>();
const unsignalled: number[] = [];

export function waitsOf(signal?: AbortSignal): number[] {
	return signal ? (waits.get(signal) ?? []) : unsignalled;
}

export function recordingSleep(): Record<string, unknown> {
	return {
		...jest.requireActual(`${NODE}/transport/sleep`),
		cancellableSleep: async (ms: number, signal?: AbortSignal): Promise<'done' | 'cancelled'> => {
			const list = signal ? (waits.get(signal) ?? []) : unsignalled;
			if (signal) waits.set(signal, list);
			list.push(ms);
			return signal?.aborted ? 'cancelled' : 'done';
		},
	};
}
