import type { IExecuteFunctions } from 'n8n-workflow';

import {
	WAIT_BACKOFF_FACTOR,
	WAIT_JITTER,
	WAIT_MAX_BACKOFF_MULTIPLE,
	WAIT_MAX_POLL_INTERVAL_MS,
} from '../constants';
import { cancellableSleep, executionStopped } from '../transport/sleep';

export interface PollSettings {
	timeoutMs: number;
	/** The first wait between checks; it doubles after each check, up to a cap. */
	intervalMs: number;
	itemIndex: number;
}

export type PollVerdict<T> = { done: true; value: T } | { done: false };

/**
 * The wait after check number `check` (0 is the first check, made at once): the first wait doubled
 * per check, capped at 24 times the first wait or two minutes (whichever is less, but never below
 * the first wait), then shortened by up to a tenth at random (`random` in [0, 1)).
 */
export function pollDelayMs(intervalMs: number, check: number, random: number): number {
	const first = Math.max(1, intervalMs);
	const cap = Math.max(
		first,
		Math.min(first * WAIT_MAX_BACKOFF_MULTIPLE, WAIT_MAX_POLL_INTERVAL_MS),
	);
	const grown = Math.min(first * WAIT_BACKOFF_FACTOR ** Math.min(check, 64), cap);
	return grown * (1 - WAIT_JITTER * random);
}

/**
 * Checks at once, then until `check` says done, by the schedule of `pollDelayMs`, never past the
 * timeout, and ending within a second when the execution is stopped. Bounded: there is no way to
 * wait forever.
 */
export async function pollUntil<S, T>(
	context: IExecuteFunctions,
	settings: PollSettings,
	check: (elapsedMs: number) => Promise<{ state: S; verdict: PollVerdict<T> }>,
	onTimeout: (lastState: S) => Error,
): Promise<T> {
	const started = Date.now();
	const deadline = started + settings.timeoutMs;
	const signal = context.getExecutionCancelSignal?.();
	for (let checks = 0; ; checks++) {
		const { state, verdict } = await check(Date.now() - started);
		if (verdict.done) return verdict.value;
		const remaining = deadline - Date.now();
		if (remaining <= 0) throw onTimeout(state);
		const delay = pollDelayMs(settings.intervalMs, checks, Math.random());
		if ((await cancellableSleep(Math.min(delay, remaining), signal)) === 'cancelled') {
			throw executionStopped(context.getNode(), settings.itemIndex);
		}
	}
}
