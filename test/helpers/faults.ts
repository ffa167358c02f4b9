import type { Emulator, Fault } from '../../emulator';

/**
 * Every way the network or an answer can break that the fault matrices drive through the node:
 * rate limits (with and without Retry-After, in seconds and as an HTTP date), 5xx with a JSON and
 * with an HTML body, connections dropped before and after Devin handled the request, a hang past
 * the timeout, 200s whose body is empty, not JSON or the wrong shape, a redirect to another host
 * and an answer cut short.
 */
export type FaultClass =
	| 'rate limit'
	| 'server error'
	| 'dropped connection'
	| 'timeout'
	| 'unusable answer'
	| 'redirect';

export interface FaultCase {
	name: string;
	class: FaultClass;
	/** The fault, lasting for every matching request; `other` is a second host to redirect to. */
	fault(other: Emulator): Fault;
	/** Devin's (or the proxy's) own words the error must quote. */
	says?: string;
	/** The Retry-After wait every retry must honour: exact milliseconds, or a range. */
	waits?: number | [number, number];
}

const FOREVER = 1_000;

const status = (code: number, body?: unknown): FaultCase => ({
	name: `${code} JSON`,
	class: code === 429 ? 'rate limit' : 'server error',
	fault: () => ({ status: code, count: FOREVER, ...(body === undefined ? {} : { body }) }),
	says: code === 429 ? 'Rate limit exceeded' : 'Internal server error',
});

const html = (code: number, title: string): FaultCase => ({
	name: `${code} HTML page`,
	class: 'server error',
	fault: () => ({ kind: 'html', status: code, count: FOREVER }),
	says: title,
});

const unusable = (name: string, fault: Fault): FaultCase => ({
	name,
	class: 'unusable answer',
	fault: () => ({ count: FOREVER, ...fault }),
});

export const FAULTS: FaultCase[] = [
	{ ...status(429), name: '429 without Retry-After' },
	{
		name: '429 with Retry-After in seconds',
		class: 'rate limit',
		fault: () => ({ status: 429, retryAfter: 1, count: FOREVER }),
		says: 'Rate limit exceeded',
		waits: 1_000,
	},
	{
		name: '429 with Retry-After as an HTTP date',
		class: 'rate limit',
		fault: () => ({
			status: 429,
			retryAfter: new Date(Date.now() + 3_000).toUTCString(),
			count: FOREVER,
		}),
		says: 'Rate limit exceeded',
		waits: [1, 3_000],
	},
	status(500),
	status(502),
	status(503),
	status(504),
	html(500, '500 Internal Server Error'),
	html(502, '502 Bad Gateway'),
	html(503, '503 Service Unavailable'),
	html(504, '504 Gateway Timeout'),
	{
		name: 'connection reset before Devin handles the request',
		class: 'dropped connection',
		fault: () => ({ kind: 'reset', count: FOREVER }),
	},
	{
		name: 'connection reset after Devin handled the request',
		class: 'dropped connection',
		fault: () => ({ kind: 'reset', after: true, count: FOREVER }),
	},
	{
		name: 'no answer until the timeout',
		class: 'timeout',
		fault: () => ({ kind: 'hang', after: true, count: FOREVER }),
	},
	unusable('200 with an empty body', { kind: 'empty' }),
	unusable('200 with a body that is not JSON', { kind: 'text', status: 200, body: 'OK' }),
	unusable('200 with a JSON array', { status: 200, body: ['unexpected'] }),
	unusable('200 with a JSON string', { status: 200, body: 'unexpected' }),
	unusable('200 with JSON null', { status: 200, body: null }),
	unusable('200 with an object missing the documented ID', {
		status: 200,
		body: { unexpected: true },
	}),
	unusable('200 with a truncated body', { kind: 'truncated' }),
	{
		name: '302 to another host',
		class: 'redirect',
		fault: (other) => ({
			kind: 'redirect',
			location: `${other.url}/_presigned/redirected-by-a-fault`,
			count: FOREVER,
		}),
	},
];

/** What a user must never see: JavaScript's own words for a crash. */
export const RAW_JAVASCRIPT =
	/Cannot read propert|Cannot create propert|Cannot set propert|is not a function|is not iterable|of undefined|of null|Unexpected token|in JSON at position|\[object Object\]|undefined is not|NaN/;
