import { pollDelayMs } from '../../../../nodes/Devin/helpers/poll';

const HOUR = 3_600_000;

/** When each check happens, from the first (at once) until one falls at or after `untilMs`. */
function checkTimes(intervalMs: number, untilMs: number, random: number): number[] {
	const times = [0];
	while (times[times.length - 1] < untilMs)
		times.push(times[times.length - 1] + pollDelayMs(intervalMs, times.length - 1, random));
	return times;
}

describe('the wait schedule', () => {
	it('checks at once, then after 5, 10, 20, 40 and 80 s, then every 2 minutes', () => {
		const delays = Array.from({ length: 8 }, (_, check) => pollDelayMs(5_000, check, 0));
		expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000, 120_000]);
	});

	it('caps at 24 times the first wait, never below the first wait itself', () => {
		expect(pollDelayMs(1_000, 30, 0)).toBe(24_000);
		expect(pollDelayMs(300_000, 0, 0)).toBe(300_000);
		expect(pollDelayMs(300_000, 30, 0)).toBe(300_000);
	});

	it('shortens each wait by up to a tenth at random, so waits started together drift apart', () => {
		expect(pollDelayMs(5_000, 10, 0.5)).toBe(114_000);
		expect(pollDelayMs(5_000, 10, 0.999)).toBeGreaterThan(108_000);
	});

	it.each([
		['no jitter', 0],
		['the most jitter', 0.999_999],
	])(
		'an hour-long session costs at most 40 checks and its end is seen within 2 minutes (%s)',
		(_case, random) => {
			const times = checkTimes(5_000, HOUR, random);
			expect(times.length).toBeLessThanOrEqual(40);
			const gaps = times.slice(1).map((time, index) => time - times[index]);
			expect(Math.max(...gaps)).toBeLessThanOrEqual(120_000);
			expect(times[times.length - 1] - HOUR).toBeLessThanOrEqual(120_000);
		},
	);
});
