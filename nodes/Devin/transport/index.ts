import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';

import { CREATE_TIMEOUT_MS, CREDENTIAL_TYPE, REQUEST_TIMEOUT_MS } from '../constants';
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
	/** Answer a redirect instead of following it (n8n would send the key along to the new host). */
	noRedirect?: boolean;
	/** The answer is a file: keep it as bytes. */
	binary?: boolean;
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

/** JSON text becomes data; an error page sent as bytes becomes text, so it can be read out. */
function parseBody(body: unknown, keepBytes: boolean): unknown {
	if (Buffer.isBuffer(body)) {
		if (keepBytes) return body;
		return parseBody(body.toString('utf8'), false);
	}
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (trimmed === '') return null;
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
		const ok = response.statusCode < 400;
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
}

/**
 * Sends until there is an answer worth keeping, by the retry policy in `retry.ts`, and turns a
 * final failure into an actionable, key-free `NodeApiError`.
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
	for (;;) {
		if (signal?.aborted) throw executionStopped(this.getNode(), request.itemIndex);
		const outcome = await exchange.call(this, options, authenticated, request.binary === true);
		if (signal?.aborted) throw executionStopped(this.getNode(), request.itemIndex);
		// A web page is never an API answer, even with a 200: the Base URL points at a website.
		const webPage =
			outcome.kind === 'status' && !request.binary && describeDevinError(outcome.body).html;
		if (outcome.kind === 'status' && outcome.status < 400 && !webPage) {
			return { status: outcome.status, headers: outcome.headers, body: outcome.body };
		}

		const decision = webPage
			? ({ retry: false, reason: 'not-retryable' } as const)
			: decideRetry(
					{
						method: request.method,
						createsResource: request.createsResource,
						retriesSoFar: retries,
					},
					outcome,
					Date.now(),
				);
		if (decision.retry) {
			if ((await cancellableSleep(decision.delayMs, signal)) === 'cancelled') {
				throw executionStopped(this.getNode(), request.itemIndex);
			}
			retries++;
			waitedMs += decision.delayMs;
			continue;
		}
		throw toDevinApiError(this.getNode(), {
			method: request.method,
			path: where.path,
			host: where.host,
			status: outcome.kind === 'status' ? outcome.status : undefined,
			body: outcome.kind === 'status' ? outcome.body : undefined,
			networkCode: outcome.kind === 'network' ? outcome.code : undefined,
			networkMessage: outcome.kind === 'network' ? outcome.message : undefined,
			retries,
			retryWaitMs: waitedMs,
			requestedWaitMs: decision.reason === 'wait-too-long' ? decision.waitMs : undefined,
			createsResource: request.createsResource,
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
	const segments = [...scopePrefix(api, scope, organizationId), ...(request.path ?? [])];
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
	if (request.noRedirect) options.disableFollowRedirect = true;
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
		{ api, path: parsed.pathname, host: parsed.host },
		false,
	);
}
