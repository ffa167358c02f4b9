import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { ApiVersion, KeyKind } from './apiContext';
import { isResendable } from './retry';

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
	/** Field-level problems, `field: problem`, each once. */
	fields: string[];
	/** Whether `message` is no more than the field problems (so they need not be listed again). */
	messageIsFields?: boolean;
	/** The body was an HTML page: a website, or a proxy's error page. */
	html: boolean;
}

/** The field a FastAPI `loc`, an RFC 9457 `pointer`/`field` or a similar entry names. */
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

interface FieldProblem {
	field?: string;
	text: string;
}

function fieldProblems(list: unknown[]): FieldProblem[] {
	return list.map((entry) => {
		if (typeof entry === 'string') return { text: entry };
		if (entry === null || typeof entry !== 'object') return { text: String(entry) };
		const record = entry as Record<string, unknown>;
		const text = [record.msg, record.message, record.detail].find(
			(value) => typeof value === 'string',
		);
		const field = fieldName(record);
		return {
			field,
			text: field
				? `${field}: ${String(text ?? 'invalid')}`
				: String(text ?? JSON.stringify(record)),
		};
	});
}

/**
 * Devin may list the same field problems twice, FastAPI's `detail[]` next to RFC 9457's
 * `errors[]`, in different words: a field named by the first list is not repeated from the second.
 */
function mergeFieldProblems(...lists: FieldProblem[][]): string[] {
	const merged: string[] = [];
	const named = new Set<string>();
	for (const list of lists) {
		const namedHere = new Set<string>();
		for (const problem of list) {
			if (problem.field !== undefined && named.has(problem.field)) continue;
			if (!merged.includes(problem.text)) merged.push(problem.text);
			if (problem.field !== undefined) namedHere.add(problem.field);
		}
		for (const field of namedHere) named.add(field);
	}
	return merged;
}

function clip(text: string): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH)}…` : oneLine;
}

/** A proxy's error page says what happened in its title, e.g. "502 Bad Gateway". */
function pageTitle(html: string): string | undefined {
	const title =
		/<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(html)?.[1];
	const text = title?.replace(/\s+/g, ' ').trim();
	return text ? clip(text) : undefined;
}

/**
 * Devin's message from any error body it sends: FastAPI `{detail: "…"}` or `{detail: [{loc, msg}]}`,
 * RFC 9457 `{title, detail, errors[]}`, `{message}`/`{error}`, plain text, or an HTML page.
 */
export function describeDevinError(body: unknown): DevinErrorDetails {
	if (body === undefined || body === null || body === '') return { fields: [], html: false };
	if (Buffer.isBuffer(body)) return describeDevinError(body.toString('utf8'));
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (/^<(!doctype|html|head|body)/i.test(trimmed) || /<html[\s>]/i.test(trimmed)) {
			return { message: pageTitle(trimmed), fields: [], html: true };
		}
		// File storage (S3 and the like) answers a refused download link in XML.
		const storage = /<Code>([^<]*)<\/Code>[\s\S]*?<Message>([^<]*)<\/Message>/.exec(trimmed);
		if (storage) return { message: clip(`${storage[1]}: ${storage[2]}`), fields: [], html: false };
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
	const fields = mergeFieldProblems(
		Array.isArray(record.detail) ? fieldProblems(record.detail) : [],
		Array.isArray(record.errors) ? fieldProblems(record.errors) : [],
	);
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
	const messageIsFields = parts.length === 0 && fields.length > 0;
	if (messageIsFields) parts.push(fields.join('; '));
	return {
		message: parts.length ? clip(parts.join(': ')) : undefined,
		fields,
		messageIsFields,
		html: false,
	};
}

export interface ApiFailure {
	method: string;
	/** The URL path that was called, without host or query. */
	path: string;
	host: string;
	status?: number;
	body?: unknown;
	/** A success status whose body was not the expected answer: what it was instead. */
	unusable?: string;
	/** Where a redirect pointed. */
	location?: string;
	networkCode?: string;
	networkMessage?: string;
	retries: number;
	retryWaitMs?: number;
	/** Set when a 429 asked for a longer wait than the node spends inside one execution. */
	requestedWaitMs?: number;
	createsResource?: boolean;
	/** A download from a presigned link, sent without the API key. */
	keyless?: boolean;
	permission?: string;
	subject?: string;
	version: ApiVersion;
	keyKind: KeyKind;
	organizationId?: string;
	secrets: string[];
	itemIndex?: number;
}

const CREDENTIAL_FIX = 'in the Devin API credential';
const BASE_URL_FIX = `Set Base URL ${CREDENTIAL_FIX} to https://api.devin.ai, or to your dedicated enterprise API host (for example https://api.acme.devinenterprise.com)`;

function authHint(failure: ApiFailure): string {
	if (failure.keyless) {
		return "The file's download link was refused; such links expire within minutes. Run the node again for a fresh link.";
	}
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

function retried(failure: ApiFailure): string {
	return failure.retries ? ` Retried ${failure.retries} times.` : '';
}

/**
 * What to do when a request that must not be sent twice may still have been carried out: it was
 * not resent, and the user should look in Devin before running again.
 */
function mayHaveHappened(failure: ApiFailure, accepted: boolean): string {
	const likely = accepted ? 'most likely' : 'may have';
	if (failure.createsResource) {
		return `Devin ${likely} started the session anyway, and charges for it. It was not resent, so you are never charged twice: check Devin for a new session before running again.`;
	}
	return `Devin ${likely} carried out the request anyway. It was not resent: check in Devin before running again.`;
}

const resendable = (failure: ApiFailure) =>
	isResendable({ method: failure.method, createsResource: failure.createsResource });

function statusHint(failure: ApiFailure, details: DevinErrorDetails): string {
	const status = failure.status ?? 0;
	const where = failure.organizationId ? ` in organization ${failure.organizationId}` : '';
	if (status >= 300 && status < 400) {
		const to = failure.location ? ` to ${failure.location}` : '';
		return `Devin's API redirected the request${to}. The node does not follow redirects, so the API key never goes to another host. ${BASE_URL_FIX}; use the address the API really answers at.`;
	}
	if (failure.unusable !== undefined) {
		if (!resendable(failure)) return mayHaveHappened(failure, true);
		return `This is not an answer the Devin API gives.${retried(failure)} A proxy or gateway between n8n and Devin may be changing answers: try again later, and check Base URL ${CREDENTIAL_FIX} if it keeps happening.`;
	}
	// A proxy's error page is a server failure; any other web page means a website, not the API.
	if (details.html && status < 500 && status !== 429) {
		return `The Base URL answered with a web page, not the Devin API. ${BASE_URL_FIX}, not the web app address.`;
	}
	if (status === 401 || (status === 403 && failure.keyless)) return authHint(failure);
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
		return details.fields.length && !details.messageIsFields
			? `Fix these fields and run again: ${details.fields.join('; ')}.`
			: 'Fix the values Devin names above and run again.';
	}
	if (status === 429) {
		if (failure.requestedWaitMs !== undefined) {
			return `Devin is rate limiting this key and asked to wait ${seconds(failure.requestedWaitMs)}, longer than this node waits inside one run. Run the workflow again later, or poll less often.`;
		}
		return `Devin is rate limiting this key. Retried ${failure.retries} times over ${seconds(failure.retryWaitMs ?? 0)} without success. Wait a minute, process fewer items at once, or poll less often.`;
	}
	if (status >= 500) {
		if (!resendable(failure)) {
			return `Devin's API failed while handling the request.${retried(failure)} ${mayHaveHappened(failure, false)}`;
		}
		return `Devin's API is having trouble right now.${retried(failure)} Try again in a few minutes.`;
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
	ERR_BAD_RESPONSE: 'the answer broke off before its end',
};

/** Failures that prove the request never reached anyone. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function networkHint(failure: ApiFailure): string {
	const code = failure.networkCode ?? '';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return `The host ${failure.host} could not be found. Check Base URL ${CREDENTIAL_FIX}.`;
	}
	if (code === 'ECONNREFUSED') {
		return `Nothing answered at ${failure.host}. Check Base URL ${CREDENTIAL_FIX}, and that the server is running.`;
	}
	if (!resendable(failure) && !NEVER_SENT.has(code)) {
		return `The connection broke while the request was under way. ${mayHaveHappened(failure, false)}`;
	}
	return `The connection to ${failure.host} failed.${retried(failure)} Check the network and try again.`;
}

function failureCause(failure: ApiFailure): NodeApiErrorFailure | undefined {
	const status = failure.unusable === undefined ? failure.status : undefined;
	if (status === 401) return { cause: 'credential-invalid' };
	if (status === 403 || status === 404) return { cause: 'configuration-invalid' };
	if (status === 429) return { cause: 'rate-limited' };
	if (status !== undefined && status >= 500) return { cause: 'temporarily-unavailable' };
	return undefined;
}

type NodeApiErrorFailure = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>['failure'];

/** The headline: the status and Devin's words, or what went wrong on the way. */
function headline(
	failure: ApiFailure,
	details: DevinErrorDetails,
): {
	message: string;
	devinMessage?: string;
} {
	const answered = `${capitalized(service(failure))} answered ${failure.status}`;
	if (failure.unusable !== undefined) return { message: `${answered} with ${failure.unusable}` };
	if (
		failure.location !== undefined ||
		((failure.status ?? 0) >= 300 && (failure.status ?? 0) < 400)
	) {
		const host = failure.location ? hostOf(failure.location) : undefined;
		return { message: `${answered}: a redirect${host ? ` to ${host}` : ''}` };
	}
	let devinMessage = details.message;
	if (details.html) {
		devinMessage =
			(failure.status ?? 0) >= 500 || failure.status === 429
				? `${details.message ?? 'an error page'} (an HTML error page)`
				: 'the server sent an HTML page';
	}
	return { message: `${answered}: ${devinMessage ?? 'no message'}`, devinMessage };
}

/** Who answered: Devin's API, or the file storage a presigned download link points to. */
function service(failure: ApiFailure): string {
	return failure.keyless ? 'the file storage' : 'the Devin API';
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function hostOf(url: string): string | undefined {
	try {
		return new URL(url).host;
	} catch {
		return undefined;
	}
}

/** One actionable, key-free `NodeApiError` for any failed Devin request. */
export function toDevinApiError(node: INode, failure: ApiFailure): NodeApiError {
	const redact = (text: string) => redactSecrets(text, failure.secrets);
	const request = `${failure.method} ${failure.path}`;
	let message: string;
	let hint: string;
	let devinMessage: string | undefined;
	if (failure.status === undefined) {
		const what = NETWORK_FAILURES[failure.networkCode ?? ''] ?? 'the connection failed';
		const code = failure.networkCode ?? '';
		message = NEVER_SENT.has(code)
			? `Could not reach ${service(failure)} at ${failure.host}: ${what}`
			: `The request to ${service(failure)} at ${failure.host} failed: ${what}`;
		hint = `${networkHint(failure)} (${failure.networkCode ?? 'no code'})`;
		devinMessage = failure.networkMessage;
	} else {
		const details = describeDevinError(failure.unusable === undefined ? failure.body : undefined);
		({ message, devinMessage } = headline(failure, details));
		hint = statusHint(failure, details);
	}
	const errorResponse: JsonObject = {
		message: redact(devinMessage ?? message),
		httpCode: failure.status === undefined ? null : String(failure.status),
		request,
	};
	let failureOption = failureCause(failure);
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
