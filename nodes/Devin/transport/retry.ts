import {
	MAX_RATE_LIMIT_RETRIES,
	MAX_RETRY_DELAY_MS,
	MAX_SERVER_RETRIES,
	RETRY_BASE_DELAY_MS,
} from '../constants';

/** Methods that do the same thing however often they are sent. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);
/**
 * Transient network failures. A refused connection and an unknown host are left out: they almost
 * always mean a wrong Base URL, which waiting does not fix.
 */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	// The answer broke off before its end (axios: "stream has been aborted").
	'ERR_BAD_RESPONSE',
]);

export interface RetryRequest {
	method: string;
	/** The request starts something Devin charges for: never resend it once it may have arrived. */
	createsResource?: boolean;
	retriesSoFar: number;
}

/** `unusable`: a success status whose body is not the answer the request expects. */
export type RequestOutcome =
	| { kind: 'status'; status: number; retryAfterHeader?: unknown; body?: unknown }
	| { kind: 'network'; code?: string }
	| { kind: 'unusable' };

export type RetryDecision =
	| { retry: true; delayMs: number }
	| {
			retry: false;
			reason: 'not-retryable' | 'unsafe-method' | 'limit-reached' | 'wait-too-long';
			waitMs?: number;
	  };

/** Reads a wait from `Retry-After` (seconds or an HTTP date) or a `retry_after` body field (seconds). */
export function parseRetryAfter(header: unknown, body: unknown, nowMs: number): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value === 'string' && value.trim() !== '') {
		const trimmed = value.trim();
		if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
		const date = Date.parse(trimmed);
		if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
	}
	if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value * 1000);
	if (body !== null && typeof body === 'object') {
		const seconds = Number((body as { retry_after?: unknown }).retry_after);
		if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
	}
	return undefined;
}

function backoff(retriesSoFar: number): number {
	return RETRY_BASE_DELAY_MS * 2 ** retriesSoFar;
}

/** Failures that waiting can fix. An unusable success is one: a proxy's hiccup, an answer cut short. */
function isTransient(outcome: RequestOutcome): boolean {
	switch (outcome.kind) {
		case 'unusable':
			return true;
		case 'status':
			return RETRYABLE_STATUSES.has(outcome.status);
		case 'network':
			return outcome.code !== undefined && RETRYABLE_NETWORK_CODES.has(outcome.code);
	}
}

/** Whether sending the request twice does no more than sending it once. */
export function isResendable(request: Pick<RetryRequest, 'method' | 'createsResource'>): boolean {
	return !request.createsResource && IDEMPOTENT_METHODS.has(request.method.toUpperCase());
}

/**
 * The retry policy in one place: 429 on every method (the request was refused, nothing was
 * created), honouring the server's wait; 5xx and network failures only where resending is safe.
 */
export function decideRetry(
	request: RetryRequest,
	outcome: RequestOutcome,
	nowMs: number,
): RetryDecision {
	if (outcome.kind === 'status' && outcome.status === 429) {
		if (request.retriesSoFar >= MAX_RATE_LIMIT_RETRIES)
			return { retry: false, reason: 'limit-reached' };
		const asked = parseRetryAfter(outcome.retryAfterHeader, outcome.body, nowMs);
		if (asked !== undefined && asked > MAX_RETRY_DELAY_MS) {
			return { retry: false, reason: 'wait-too-long', waitMs: asked };
		}
		return { retry: true, delayMs: asked ?? backoff(request.retriesSoFar) };
	}

	if (!isTransient(outcome)) return { retry: false, reason: 'not-retryable' };
	if (!isResendable(request)) return { retry: false, reason: 'unsafe-method' };
	if (request.retriesSoFar >= MAX_SERVER_RETRIES) return { retry: false, reason: 'limit-reached' };
	const asked =
		outcome.kind === 'status'
			? parseRetryAfter(outcome.retryAfterHeader, undefined, nowMs)
			: undefined;
	const delayMs = Math.min(asked ?? backoff(request.retriesSoFar), MAX_RETRY_DELAY_MS);
	return { retry: true, delayMs };
}
