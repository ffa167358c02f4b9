import { MAX_RATE_LIMIT_RETRIES, MAX_SERVER_RETRIES } from '../../../../nodes/Devin/constants';
import { decideRetry, parseRetryAfter } from '../../../../nodes/Devin/transport/retry';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('parseRetryAfter', () => {
	it('reads seconds, an HTTP date and a retry_after body field', () => {
		expect(parseRetryAfter('3', undefined, NOW)).toBe(3000);
		expect(parseRetryAfter('0.5', undefined, NOW)).toBe(500);
		expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:07 GMT', undefined, NOW)).toBe(7000);
		expect(parseRetryAfter(undefined, { retry_after: 2 }, NOW)).toBe(2000);
		expect(parseRetryAfter(['4'], undefined, NOW)).toBe(4000);
		expect(parseRetryAfter(undefined, { detail: 'x' }, NOW)).toBeUndefined();
	});
});

describe('decideRetry', () => {
	const status = (code: number, extra: object = {}) => ({
		kind: 'status' as const,
		status: code,
		...extra,
	});

	it('retries 429 on every method, creates included, honouring Retry-After', () => {
		expect(
			decideRetry(
				{ method: 'POST', createsResource: true, retriesSoFar: 0 },
				status(429, { retryAfterHeader: '2' }),
				NOW,
			),
		).toEqual({
			retry: true,
			delayMs: 2000,
		});
		expect(decideRetry({ method: 'GET', retriesSoFar: 1 }, status(429), NOW)).toEqual({
			retry: true,
			delayMs: 2000,
		});
	});

	it('stops 429 retries at the limit or when asked to wait too long', () => {
		expect(
			decideRetry({ method: 'GET', retriesSoFar: MAX_RATE_LIMIT_RETRIES }, status(429), NOW),
		).toEqual({
			retry: false,
			reason: 'limit-reached',
		});
		expect(
			decideRetry(
				{ method: 'GET', retriesSoFar: 0 },
				status(429, { retryAfterHeader: '600' }),
				NOW,
			),
		).toEqual({
			retry: false,
			reason: 'wait-too-long',
			waitMs: 600_000,
		});
	});

	it.each(['GET', 'PUT', 'DELETE'])('retries 500/502/503/504 on %s with backoff', (method) => {
		for (const code of [500, 502, 503, 504]) {
			expect(decideRetry({ method, retriesSoFar: 0 }, status(code), NOW)).toEqual({
				retry: true,
				delayMs: 1000,
			});
			expect(decideRetry({ method, retriesSoFar: 2 }, status(code), NOW)).toEqual({
				retry: true,
				delayMs: 4000,
			});
		}
		expect(decideRetry({ method, retriesSoFar: MAX_SERVER_RETRIES }, status(503), NOW)).toEqual({
			retry: false,
			reason: 'limit-reached',
		});
	});

	it('never resends a POST after a 5xx or a dropped connection', () => {
		expect(decideRetry({ method: 'POST', retriesSoFar: 0 }, status(503), NOW)).toEqual({
			retry: false,
			reason: 'unsafe-method',
		});
		expect(
			decideRetry(
				{ method: 'POST', retriesSoFar: 0 },
				{ kind: 'network', code: 'ECONNRESET' },
				NOW,
			),
		).toEqual({
			retry: false,
			reason: 'unsafe-method',
		});
		expect(
			decideRetry({ method: 'DELETE', createsResource: true, retriesSoFar: 0 }, status(502), NOW),
		).toEqual({
			retry: false,
			reason: 'unsafe-method',
		});
	});

	it('retries transient network failures on GET, but not a wrong host or port', () => {
		expect(
			decideRetry({ method: 'GET', retriesSoFar: 0 }, { kind: 'network', code: 'ECONNRESET' }, NOW)
				.retry,
		).toBe(true);
		expect(
			decideRetry({ method: 'GET', retriesSoFar: 0 }, { kind: 'network', code: 'ETIMEDOUT' }, NOW)
				.retry,
		).toBe(true);
		for (const code of ['ENOTFOUND', 'ECONNREFUSED', undefined]) {
			expect(
				decideRetry({ method: 'GET', retriesSoFar: 0 }, { kind: 'network', code }, NOW),
			).toEqual({
				retry: false,
				reason: 'not-retryable',
			});
		}
	});

	it('does not retry client errors', () => {
		for (const code of [400, 401, 403, 404, 422]) {
			expect(decideRetry({ method: 'GET', retriesSoFar: 0 }, status(code), NOW)).toEqual({
				retry: false,
				reason: 'not-retryable',
			});
		}
	});

	it('retries an unusable success like a 5xx: on reads only', () => {
		const unusable = { kind: 'unusable' as const };
		expect(decideRetry({ method: 'GET', retriesSoFar: 0 }, unusable, NOW)).toEqual({
			retry: true,
			delayMs: 1000,
		});
		expect(decideRetry({ method: 'POST', retriesSoFar: 0 }, unusable, NOW)).toEqual({
			retry: false,
			reason: 'unsafe-method',
		});
		expect(decideRetry({ method: 'GET', retriesSoFar: MAX_SERVER_RETRIES }, unusable, NOW)).toEqual(
			{ retry: false, reason: 'limit-reached' },
		);
	});

	it('retries an answer that broke off on reads', () => {
		expect(
			decideRetry(
				{ method: 'GET', retriesSoFar: 0 },
				{ kind: 'network', code: 'ERR_BAD_RESPONSE' },
				NOW,
			),
		).toEqual({ retry: true, delayMs: 1000 });
	});
});
