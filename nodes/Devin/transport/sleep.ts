import { NodeOperationError, sleep } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { SLEEP_SLICE_MS } from '../constants';

/**
 * Waits `ms`, ending early when the execution is stopped. n8n 2.36+ aborts the sleep itself;
 * older hosts ignore the signal, so the wait is cut into slices and the signal checked between.
 */
export async function cancellableSleep(
	ms: number,
	signal?: AbortSignal,
): Promise<'done' | 'cancelled'> {
	let remaining = Math.max(0, ms);
	while (remaining > 0) {
		if (signal?.aborted) return 'cancelled';
		const slice = Math.min(remaining, SLEEP_SLICE_MS);
		try {
			await sleep(slice, signal);
		} catch {
			return 'cancelled';
		}
		remaining -= slice;
	}
	return signal?.aborted ? 'cancelled' : 'done';
}

/** What a stopped execution ends with, wherever it was stopped. */
export function executionStopped(node: INode, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, 'The execution was stopped while waiting for Devin', {
		itemIndex,
	});
}
