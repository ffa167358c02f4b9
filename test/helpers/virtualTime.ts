import * as sleep from '../../nodes/Devin/transport/sleep';
import type { Emulator } from './emulator';

/**
 * Runs the node's waits in virtual time: every sleep returns at once and moves n8n's clock
 * (`Date.now`) and the emulator's clock on by its length, so an hour-long wait runs in moments
 * and its request count is exact. `onSleep` runs after each sleep, as Devin would act meanwhile.
 */
export function useVirtualTime(
	emulator: Emulator,
	onSleep: (elapsedMs: number) => void = () => {},
) {
	const start = Date.now();
	let elapsed = 0;
	const sleeps: number[] = [];
	jest.spyOn(Date, 'now').mockImplementation(() => start + elapsed);
	jest.spyOn(sleep, 'cancellableSleep').mockImplementation(async (ms, signal) => {
		if (signal?.aborted) return 'cancelled';
		sleeps.push(ms);
		elapsed += ms;
		emulator.clock.advance(ms);
		onSleep(elapsed);
		return 'done';
	});
	return { sleeps, elapsedMs: () => elapsed };
}
