import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { ApiVersion, KeyKind } from './apiContext';

const KEY_PATTERN = /\b(cog|apk)_[A-Za-z0-9_-]+/g;
const MAX_MESSAGE_LENGTH = 500;

/** Removes Devin keys (`cog_…`, `apk_…`) and the exact key in use from any text we show or store. */
export function redactSecrets(text: string, secrets: string[] = []): string {
	let result = text.replace(KEY_PATTERN, (_match, prefix: string) => `${prefix}_[redacted]`);
	for (const secret of secrets) {
		if (secret.length >= 6) result = result.split(secret).join('[redacted]');
	}
	return result;
}

export interface DevinErrorDetails {
	/** Devin's own words, as one line. */
	message?: string;
	/** Field-level problems, `field: problem`. */
	fields: string[];
	/** The body was an HTML page: the base URL points at a website, not the API. */
	html: boolean;
}

function fieldName(entry: Record<string, unknown>): string | undefined {
	if (Array.isArray(entry.loc)) {
		const path = entry.loc.filter(
			(part, index) => !(index === 0 && ['body', 'query', 'path'].includes(String(part))),
		);
		return path.length ? path.join('.') : undefined;
	}
	for (const key of ['field', 'pointer', 'name', 'param']) {
		if (typeof entry[key] === 'string')
			return (entry[key] as string).replace(/^\/+/, '').replace(/\//g, '.');
	}
	return undefined;
}

function fieldProblems(list: unknown[]): string[] {
	return list.map((entry) => {
		if (typeof entry === 'string') return entry;
		if (entry === null || typeof entry !== 'object') return String(entry);
		const record = entry as Record<string, unknown>;
		const text = [record.msg, record.message, record.detail].find(
			(value) => typeof value === 'string',
		);
		const name = fieldName(record);
		return name ? `${name}: ${String(text ?? 'invalid')}` : String(text ?? JSON.stringify(record));
	});
}

function clip(text: string): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH)}…` : oneLine;
}

/**
 * Devin's message from any error body it sends: FastAPI `{detail: "…"}` or `{detail: [{loc, msg}]}`,
 * RFC 9457 `{title, detail, errors[]}`, `{message}`/`{error}`, plain text, or an HTML page.
 */
export function describeDevinError(body: unknown): DevinErrorDetails {
	if (body === undefined || body === null || body === '') return { fields: [], html: false };
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (/^<(!doctype|html|head|body)/i.test(trimmed) || /<html[\s>]/i.test(trimmed)) {
			return { fields: [], html: true };
		}
		try {
			const parsed: unknown = JSON.parse(trimmed);
			if (parsed !== null && typeof parsed === 'object') return describeDevinError(parsed);
		} catch {
			// plain text
		}
		return { message: clip(trimmed), fields: [], html: false };
	}
	if (typeof body !== 'object') return { message: clip(String(body)), fields: [], html: false };

	const record = body as Record<string, unknown>;
	const fields = [
		...(Array.isArray(record.detail) ? fieldProblems(record.detail) : []),
		...(Array.isArray(record.errors) ? fieldProblems(record.errors) : []),
	];
	const parts: string[] = [];
	if (typeof record.title === 'string') parts.push(record.title);
	if (typeof record.detail === 'string' && record.detail !== record.title)
		parts.push(record.detail);
	if (parts.length === 0) {
		const fallback = [
			record.message,
			record.error,
			(record.error as { message?: unknown })?.message,
		].find((value) => typeof value === 'string');
		if (typeof fallback === 'string') parts.push(fallback);
	}
	if (parts.length === 0 && fields.length) parts.push(fields.join('; '));
	return { message: parts.length ? clip(parts.join(': ')) : undefined, fields, html: false };
}

export interface ApiFailure {
	method: string;
	/** The URL path that was called, without host or query. */
	path: string;
	host: string;
	status?: number;
	body?: unknown;
	networkCode?: string;
	networkMessage?: string;
	retries: number;
	retryWaitMs?: number;
	/** Set when a 429 asked for a longer wait than the node spends inside one execution. */
	requestedWaitMs?: number;
	createsResource?: boolean;
	permission?: string;
	subject?: string;
	version: ApiVersion;
	keyKind: KeyKind;
	organizationId?: string;
	secrets: string[];
	itemIndex?: number;
}

const CREDENTIAL_FIX = 'in the Devin API credential';

function authHint(failure: ApiFailure): string {
	if (failure.keyKind === 'apk' && failure.version === 'v3') {
		return `This is a legacy apk_ key, which only works with API v1. Set API Version to Auto or v1 ${CREDENTIAL_FIX}, or create a cog_ service-user key in Devin (Settings → Service Users) to use API v3.`;
	}
	if (failure.keyKind === 'cog' && failure.version === 'v1') {
		return `cog_ keys only work with API v3. Set API Version to Auto or v3 ${CREDENTIAL_FIX}.`;
	}
	return `Devin did not accept the API key: it may be revoked, expired or mistyped. Create a new key in Devin (Settings → Service Users) and paste it ${CREDENTIAL_FIX}.`;
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

function statusHint(failure: ApiFailure, details: DevinErrorDetails): string {
	const status = failure.status ?? 0;
	const where = failure.organizationId ? ` in organization ${failure.organizationId}` : '';
	if (details.html) {
		return `The Base URL answered with a web page, not the Devin API. Set Base URL ${CREDENTIAL_FIX} to https://api.devin.ai, or to your dedicated enterprise API host (for example https://api.acme.devinenterprise.com), not the web app address.`;
	}
	if (status === 401) return authHint(failure);
	if (status === 403) {
		const permission = failure.permission
			? `the ${failure.permission} permission`
			: 'a permission this call needs';
		return `The key is valid but lacks ${permission}${where}. Grant it to the service user in Devin (Settings → Service Users → role), or use a key that has it.`;
	}
	if (status === 404) {
		const subject = failure.subject ?? 'What this request refers to';
		return failure.version === 'v3'
			? `${subject} was not found${where}. Check the ID, and that the credential's Organization ID is the organization that owns it.`
			: `${subject} was not found. Check the ID, and that the key belongs to the organization that owns it.`;
	}
	if (status === 409)
		return 'Devin refused because of the current state of the session. Check its status before retrying.';
	if (status === 400 || status === 422) {
		return details.fields.length
			? `Fix these fields and run again: ${details.fields.join('; ')}.`
			: 'Fix the value Devin names above and run again.';
	}
	if (status === 429) {
		if (failure.requestedWaitMs !== undefined) {
			return `Devin is rate limiting this key and asked to wait ${seconds(failure.requestedWaitMs)}, longer than this node waits inside one run. Run the workflow again later, or poll less often.`;
		}
		return `Devin is rate limiting this key. Retried ${failure.retries} times over ${seconds(failure.retryWaitMs ?? 0)} without success. Wait a minute, process fewer items at once, or poll less often.`;
	}
	if (status >= 500) {
		const retried = failure.retries ? ` Retried ${failure.retries} times.` : '';
		if (failure.createsResource) {
			return `Devin's API failed while handling a request that starts a paid session.${retried} It was not resent, so you are never charged twice: check Devin for a new session before running again.`;
		}
		return `Devin's API is having trouble right now.${retried} Try again in a few minutes.`;
	}
	return 'Check the request values and the credential, then run again.';
}

/**
 * Network codes in words. The message must not contain the raw code: n8n would swap the whole
 * message for a generic one.
 */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name is unknown',
	EAI_AGAIN: 'the host name could not be looked up',
	ETIMEDOUT: 'no answer in time',
	ESOCKETTIMEDOUT: 'no answer in time',
	ECONNABORTED: 'no answer in time',
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection broke',
};

function networkHint(failure: ApiFailure): string {
	const code = failure.networkCode ?? '';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return `The host ${failure.host} could not be found. Check Base URL ${CREDENTIAL_FIX}.`;
	}
	if (code === 'ECONNREFUSED') {
		return `Nothing answered at ${failure.host}. Check Base URL ${CREDENTIAL_FIX}, and that the server is running.`;
	}
	if (failure.createsResource) {
		return `The connection failed after the request may have reached Devin, so it was not resent: check Devin for a new session before running again.`;
	}
	const retried = failure.retries ? ` Retried ${failure.retries} times.` : '';
	return `The connection to ${failure.host} failed.${retried} Check the network and try again.`;
}

function failureCause(status: number | undefined): NodeApiErrorFailure | undefined {
	if (status === 401) return { cause: 'credential-invalid' };
	if (status === 403 || status === 404) return { cause: 'configuration-invalid' };
	if (status === 429) return { cause: 'rate-limited' };
	if (status !== undefined && status >= 500) return { cause: 'temporarily-unavailable' };
	return undefined;
}

type NodeApiErrorFailure = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>['failure'];

/** One actionable, key-free `NodeApiError` for any failed Devin request. */
export function toDevinApiError(node: INode, failure: ApiFailure): NodeApiError {
	const redact = (text: string) => redactSecrets(text, failure.secrets);
	const request = `${failure.method} ${failure.path}`;
	let message: string;
	let hint: string;
	let devinMessage: string | undefined;
	if (failure.status === undefined) {
		const what = NETWORK_FAILURES[failure.networkCode ?? ''] ?? 'the connection failed';
		message = `Could not reach the Devin API at ${failure.host}: ${what}`;
		hint = `${networkHint(failure)} (${failure.networkCode ?? 'no code'})`;
		devinMessage = failure.networkMessage;
	} else {
		const details = describeDevinError(failure.body);
		devinMessage = details.html ? 'the server sent an HTML page' : details.message;
		message = `The Devin API answered ${failure.status}: ${devinMessage ?? 'no message'}`;
		hint = statusHint(failure, details);
	}
	const errorResponse: JsonObject = {
		message: redact(devinMessage ?? message),
		httpCode: failure.status === undefined ? null : String(failure.status),
		request,
	};
	let failureOption = failureCause(failure.status);
	if (failureOption?.cause === 'rate-limited' && failure.requestedWaitMs !== undefined) {
		failureOption = { cause: 'rate-limited', retryAfterMs: failure.requestedWaitMs };
	}
	return new NodeApiError(node, errorResponse, {
		message: redact(message),
		description: redact(`${hint}\nRequest: ${request}`),
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex: failure.itemIndex,
		failure: failureOption,
	});
}
