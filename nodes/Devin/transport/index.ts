import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';

import { CREATE_TIMEOUT_MS, CREDENTIAL_TYPE, REQUEST_TIMEOUT_MS } from '../constants';
import { unusableAnswer, type Expected } from './answers';
import { cancellableSleep, executionStopped } from './sleep';
import {
	credentialHandover,
	getApiContext,
	type DevinApiContext,
	type DevinFunctions,
} from './apiContext';
import { describeDevinError, toDevinApiError } from './errors';
import { decideRetry, type RequestOutcome } from './retry';
import { buildUrl, type QueryParams } from './url';

export { getApiContext } from './apiContext';
export type { ApiVersion, DevinApiContext, DevinFunctions } from './apiContext';
export type { Expected } from './answers';

/**
 * Where a path lives: `organization` is `/v3/organizations/{org}` (v1: `/v1`), `enterprise` is
 * `/v3/enterprise` (v1: `/v1/enterprise`), `account` is `/v3` itself (for `/v3/self`).
 */
export type ApiScope = 'organization' | 'enterprise' | 'account';

export interface DevinRequest {
	method: IHttpRequestMethods;
	scope?: ApiScope;
	/** Path segments below the scope; each is URL-encoded. */
	path?: string[];
	qs?: QueryParams;
	body?: IDataObject;
	/** A body that is not JSON (a multipart upload), sent as it is. */
	rawBody?: { data: Buffer; contentType: string };
	/** Hand a redirect (with its Location) to the caller; any other request fails on one. */
	noRedirect?: boolean;
	/** The answer is a file: keep it as bytes. */
	binary?: boolean;
	/** What a successful answer must be (default: a file for `binary`, else an object). */
	expects?: Expected;
	/** The Devin permission the call needs, named in a 403 hint. */
	permission?: string;
	/** What a 404 is about, e.g. "Session devin-abc". */
	subject?: string;
	/** Starts something Devin charges for: never resent once it may have reached Devin. */
	createsResource?: boolean;
	/** Values from this request that must never appear in an error (a secret being created). */
	sensitive?: string[];
	timeoutMs?: number;
	itemIndex?: number;
}

export interface DevinResponse {
	status: number;
	headers: IDataObject;
	body: unknown;
}

type Outcome =
	| (RequestOutcome & { kind: 'status'; headers: IDataObject })
	| (RequestOutcome & { kind: 'network'; message: string });

function cancelSignal(context: DevinFunctions): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/** Finds the Node.js network code (ECONNRESET, …) wherever n8n's wrappers put it. */
function networkCodeOf(error: unknown, depth = 0): string | undefined {
	if (error === null || typeof error !== 'object' || depth > 4) return undefined;
	const record = error as Record<string, unknown>;
	if (typeof record.code === 'string' && /^(E[A-Z_]+|ERR_[A-Z_]+)$/.test(record.code))
		return record.code;
	for (const key of ['cause', 'errorResponse', 'error', 'reason']) {
		const code = networkCodeOf(record[key], depth + 1);
		if (code) return code;
	}
	if (depth === 0 && typeof record.message === 'string' && /timeout/i.test(record.message))
		return 'ETIMEDOUT';
	return undefined;
}

/**
 * JSON text becomes data; an error page sent as bytes becomes text, so it can be read out. No
 * body at all is undefined, telling it apart from a JSON `null`.
 */
function parseBody(body: unknown, keepBytes: boolean): unknown {
	if (Buffer.isBuffer(body)) {
		if (keepBytes) return body;
		return parseBody(body.toString('utf8'), false);
	}
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (trimmed === '') return undefined;
	if (!/^[[{"]/.test(trimmed) && trimmed !== 'null') return body;
	try {
		return JSON.parse(trimmed);
	} catch {
		return body;
	}
}

/**
 * One HTTP exchange: with the credential applied by n8n (handed over as read once for the
 * execution), or (for presigned URLs) with no auth at all.
 */
async function exchange(
	this: DevinFunctions,
	options: IHttpRequestOptions,
	authenticated: boolean,
	binary: boolean,
): Promise<Outcome> {
	const handover = authenticated ? await credentialHandover.call(this) : undefined;
	try {
		const response = (
			authenticated
				? await this.helpers.httpRequestWithAuthentication.call(
						this as never,
						CREDENTIAL_TYPE,
						options,
						handover,
					)
				: await this.helpers.httpRequest(options)
		) as IN8nHttpFullResponse;
		const headers = (response.headers ?? {}) as IDataObject;
		const ok = response.statusCode < 300;
		return {
			kind: 'status',
			status: response.statusCode,
			headers,
			retryAfterHeader: headers['retry-after'],
			body: parseBody(response.body, binary && ok),
		};
	} catch (error) {
		return {
			kind: 'network',
			code: networkCodeOf(error),
			message: (error as Error).message ?? String(error),
		};
	}
}

interface FailureContext {
	api: DevinApiContext;
	path: string;
	host: string;
	organizationId?: string;
	/** A presigned download, sent without the API key. */
	keyless?: boolean;
}

type StatusOutcome = Extract<Outcome, { kind: 'status' }>;

/** Why a status answer cannot be handed to the caller, if it cannot. */
type Flaw =
	| { kind: 'web page' }
	| { kind: 'redirect'; location?: string }
	| { kind: 'unusable'; what: string };

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined;
}

function flawOf(outcome: StatusOutcome, request: DevinRequest): Flaw | undefined {
	const { status, body } = outcome;
	const location = header(outcome.headers, 'location');
	if (status >= 300 && status < 400) {
		// Following would send the key along to wherever it points; only a caller that asked gets it.
		return request.noRedirect && location ? undefined : { kind: 'redirect', location };
	}
	// A proxy's error page is a 5xx or 429 like any other; anything else is a website, not the API.
	const page = !Buffer.isBuffer(body) && describeDevinError(body).html;
	if (page && status < 500 && status !== 429) return { kind: 'web page' };
	if (status >= 400) return undefined;
	const expected = request.expects ?? { kind: request.binary ? 'bytes' : 'object' };
	const what = unusableAnswer(body, expected);
	return what === undefined ? undefined : { kind: 'unusable', what };
}

/**
 * Sends until there is an answer worth keeping, by the retry policy in `retry.ts`, and turns a
 * final failure into an actionable, key-free `NodeApiError`. A success is only handed on when it
 * is the answer the request expects.
 */
async function sendWithRetries(
	this: DevinFunctions,
	options: IHttpRequestOptions,
	request: DevinRequest,
	where: FailureContext,
	authenticated: boolean,
): Promise<DevinResponse> {
	const signal = cancelSignal(this);
	let retries = 0;
	let waitedMs = 0;
	// Whether an earlier attempt may have been carried out though its answer was lost.
	let mayHaveLanded = false;
	for (;;) {
		if (signal?.aborted) throw executionStopped(this.getNode(), request.itemIndex);
		const outcome = await exchange.call(this, options, authenticated, request.binary === true);
		if (signal?.aborted) throw executionStopped(this.getNode(), request.itemIndex);
		const flaw = outcome.kind === 'status' ? flawOf(outcome, request) : undefined;
		if (outcome.kind === 'status' && outcome.status < 400 && !flaw) {
			return { status: outcome.status, headers: outcome.headers, body: outcome.body };
		}
		// A delete resent after its answer was lost: "not found" means the first one did it.
		const alreadyDeleted =
			mayHaveLanded &&
			request.method === 'DELETE' &&
			request.expects?.kind === 'nothing' &&
			outcome.kind === 'status' &&
			outcome.status === 404;
		if (alreadyDeleted) return { status: 404, headers: outcome.headers, body: undefined };

		const retryRequest = {
			method: request.method,
			createsResource: request.createsResource,
			retriesSoFar: retries,
		};
		const decision =
			flaw?.kind === 'web page' || flaw?.kind === 'redirect'
				? ({ retry: false, reason: 'not-retryable' } as const)
				: decideRetry(retryRequest, flaw ? { kind: 'unusable' } : outcome, Date.now());
		if (decision.retry) {
			if ((await cancellableSleep(decision.delayMs, signal)) === 'cancelled') {
				throw executionStopped(this.getNode(), request.itemIndex);
			}
			retries++;
			waitedMs += decision.delayMs;
			mayHaveLanded ||= !(outcome.kind === 'status' && outcome.status === 429);
			continue;
		}
		throw toDevinApiError(this.getNode(), {
			method: request.method,
			path: where.path,
			host: where.host,
			status: outcome.kind === 'status' ? outcome.status : undefined,
			body: outcome.kind === 'status' ? outcome.body : undefined,
			unusable: flaw?.kind === 'unusable' ? flaw.what : undefined,
			location: flaw?.kind === 'redirect' ? flaw.location : undefined,
			networkCode: outcome.kind === 'network' ? outcome.code : undefined,
			networkMessage: outcome.kind === 'network' ? outcome.message : undefined,
			retries,
			retryWaitMs: waitedMs,
			requestedWaitMs: decision.reason === 'wait-too-long' ? decision.waitMs : undefined,
			createsResource: request.createsResource,
			keyless: where.keyless,
			permission: request.permission,
			subject: request.subject,
			version: where.api.version,
			keyKind: where.api.keyKind,
			organizationId: where.organizationId,
			secrets: [...where.api.secrets, ...(request.sensitive ?? [])],
			itemIndex: request.itemIndex,
		});
	}
}

function scopePrefix(api: DevinApiContext, scope: ApiScope, organizationId?: string): string[] {
	if (api.version === 'v1') return scope === 'enterprise' ? ['v1', 'enterprise'] : ['v1'];
	if (scope === 'enterprise') return ['v3', 'enterprise'];
	if (scope === 'account') return ['v3'];
	return ['v3', 'organizations', organizationId ?? ''];
}

const organizations = new WeakMap<object, Promise<string>>();

/** The organization every v3 org-scoped path needs: the credential's, or the key's own from `/v3/self`. */
export async function resolveOrganizationId(this: DevinFunctions): Promise<string> {
	const api = await getApiContext.call(this);
	if (api.organizationId) return api.organizationId;
	let pending = organizations.get(this);
	if (!pending) {
		pending = discoverOrganizationId.call(this);
		organizations.set(this, pending);
		pending.catch(() => organizations.delete(this));
	}
	return await pending;
}

async function discoverOrganizationId(this: DevinFunctions): Promise<string> {
	const fix =
		'Enter the organization ID (org-…) as Organization ID in the Devin API credential; Devin shows it under Settings → Service Users.';
	let self: IDataObject;
	try {
		self = await devinApiRequest.call(this, {
			method: 'GET',
			scope: 'account',
			path: ['self'],
			permission: 'ReadAccountMeta',
		});
	} catch (error) {
		if (!(error instanceof NodeApiError))
			throw new NodeOperationError(this.getNode(), error as Error);
		if (error.httpCode === '403') {
			error.description = `The key may not read its own account (GET /v3/self), so its organization could not be looked up. ${fix}`;
		}
		throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
	}
	if (typeof self.org_id === 'string' && self.org_id !== '') return self.org_id;
	throw new NodeOperationError(this.getNode(), 'This API key is not tied to one organization', {
		description: `It belongs to an enterprise-scoped service user, which can work in several organizations. ${fix}`,
	});
}

/**
 * Org-scoped endpoint families Devin documents under both `/v3` and `/v3beta1` (repository
 * indexing stayed beta longest). A 404 on `/v3` is retried once on `/v3beta1`; the prefix that
 * answered is remembered for the rest of the execution.
 */
const BETA_TWINS = new Set(['repositories']);
const answeringPrefixes = new WeakMap<object, Map<string, Promise<string | undefined>>>();

const isNotFound = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';

async function settled(
	pending: Promise<DevinResponse>,
): Promise<{ response: DevinResponse } | { error: unknown }> {
	try {
		return { response: await pending };
	} catch (error) {
		return { error };
	}
}

async function withBetaFallback(
	context: DevinFunctions,
	family: string,
	send: (version: string) => Promise<DevinResponse>,
): Promise<DevinResponse> {
	let known = answeringPrefixes.get(context);
	if (!known) answeringPrefixes.set(context, (known = new Map()));
	// Items may run side by side: they wait for the first one's answer instead of each probing /v3.
	const pending = known.get(family);
	if (pending) {
		const decided = await pending;
		if (decided) return await send(decided);
	}
	let decide: (prefix: string | undefined) => void = () => {};
	known.set(family, new Promise<string | undefined>((resolve) => (decide = resolve)));
	const remember = (prefix: string | undefined) => {
		if (prefix === undefined) known.delete(family);
		decide(prefix);
	};
	const documented = await settled(send('v3'));
	if ('response' in documented) {
		remember('v3');
		return documented.response;
	}
	if (!isNotFound(documented.error)) {
		remember(undefined);
		throw documented.error;
	}
	const beta = await settled(send('v3beta1'));
	if ('response' in beta) {
		remember('v3beta1');
		return beta.response;
	}
	remember(undefined);
	// Not found under either prefix: the thing itself is missing; report the documented path.
	throw isNotFound(beta.error) ? documented.error : beta.error;
}

/** The full answer (status, headers, body) to a Devin API request. */
export async function devinApiResponse(
	this: DevinFunctions,
	request: DevinRequest,
): Promise<DevinResponse> {
	const api = await getApiContext.call(this);
	const scope = request.scope ?? 'organization';
	const organizationId =
		api.version === 'v3' && scope === 'organization'
			? await resolveOrganizationId.call(this)
			: undefined;
	const [version, ...prefix] = scopePrefix(api, scope, organizationId);
	const send = async (prefixVersion: string) =>
		await sendTo.call(
			this,
			api,
			[prefixVersion, ...prefix, ...(request.path ?? [])],
			request,
			organizationId,
		);
	const family = request.path?.[0];
	if (api.version === 'v3' && scope === 'organization' && family && BETA_TWINS.has(family))
		return await withBetaFallback(this, family, send);
	return await send(version);
}

async function sendTo(
	this: DevinFunctions,
	api: DevinApiContext,
	segments: string[],
	request: DevinRequest,
	organizationId: string | undefined,
): Promise<DevinResponse> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: buildUrl(api.baseUrl, segments, request.qs),
		json: true,
		headers: { Accept: 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout:
			request.timeoutMs ?? (request.createsResource ? CREATE_TIMEOUT_MS : REQUEST_TIMEOUT_MS),
	};
	if (request.rawBody) {
		options.body = request.rawBody.data;
		options.headers = { ...options.headers, 'Content-Type': request.rawBody.contentType };
	} else if (request.body !== undefined) {
		options.body = request.body;
	}
	// n8n would send the key along to wherever a redirect points: never follow one.
	options.disableFollowRedirect = true;
	if (request.binary) options.encoding = 'arraybuffer';
	const where = {
		api,
		path: `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`,
		host: new URL(api.baseUrl).host,
		organizationId,
	};
	return await sendWithRetries.call(this, options, request, where, true);
}

/**
 * The one way the Devin nodes reach the Devin API: builds the URL, sends through n8n's
 * authentication, retries by the policy in `retry.ts`, and turns failures into actionable,
 * key-free `NodeApiError`s. The body is returned as Devin sent it; a few endpoints answer with an
 * array, a string or null, which their callers read as such.
 */
export async function devinApiRequest(
	this: DevinFunctions,
	request: DevinRequest,
): Promise<IDataObject> {
	return (await devinApiResponse.call(this, request)).body as IDataObject;
}

/**
 * Downloads from a presigned URL Devin redirected to. It must not carry the API key: storage
 * rejects a second auth mechanism, and the key must never leave for another host.
 */
export async function fetchPresignedUrl(
	this: DevinFunctions,
	url: string,
	itemIndex?: number,
): Promise<DevinResponse> {
	const api = await getApiContext.call(this);
	const parsed = new URL(url);
	const options: IHttpRequestOptions = {
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	const request: DevinRequest = {
		method: 'GET',
		binary: true,
		subject: 'The attachment file',
		itemIndex,
	};
	return await sendWithRetries.call(
		this,
		options,
		request,
		{ api, path: parsed.pathname, host: parsed.host, keyless: true },
		false,
	);
}
