import type { IExecuteFunctions } from 'n8n-workflow';

import {
	WAIT_BACKOFF_FACTOR,
	WAIT_MAX_BACKOFF_MULTIPLE,
	WAIT_MAX_POLL_INTERVAL_MS,
} from '../constants';
import { cancellableSleep, executionStopped } from './sleep';

export interface PollSettings {
	timeoutMs: number;
	/** The first wait between checks; it grows by half each time, up to a cap. */
	intervalMs: number;
	itemIndex: number;
}

export type PollVerdict<T> = { done: true; value: T } | { done: false };

/**
 * Checks until `check` says done, waiting a little longer each time, never past the timeout, and
 * ending within a second when the execution is stopped. Bounded: there is no way to wait forever.
 */
export async function pollUntil<S, T>(
	context: IExecuteFunctions,
	settings: PollSettings,
	check: (elapsedMs: number) => Promise<{ state: S; verdict: PollVerdict<T> }>,
	onTimeout: (lastState: S) => Error,
): Promise<T> {
	const started = Date.now();
	const deadline = started + settings.timeoutMs;
	let interval = Math.max(1, settings.intervalMs);
	const maxInterval = Math.max(
		interval,
		Math.min(interval * WAIT_MAX_BACKOFF_MULTIPLE, WAIT_MAX_POLL_INTERVAL_MS),
	);
	const signal = context.getExecutionCancelSignal?.();
	for (;;) {
		const { state, verdict } = await check(Date.now() - started);
		if (verdict.done) return verdict.value;
		const remaining = deadline - Date.now();
		if (remaining <= 0) throw onTimeout(state);
		if ((await cancellableSleep(Math.min(interval, remaining), signal)) === 'cancelled') {
			throw executionStopped(context.getNode(), settings.itemIndex);
		}
		interval = Math.min(interval * WAIT_BACKOFF_FACTOR, maxInterval);
	}
}
