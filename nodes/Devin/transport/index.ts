import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';

import { CREATE_TIMEOUT_MS, CREDENTIAL_TYPE, REQUEST_TIMEOUT_MS } from '../constants';
import { cancellableSleep, executionStopped } from '../helpers/sleep';
import { getApiContext, type DevinApiContext, type DevinFunctions } from './apiContext';
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
	/** The Devin permission the call needs, named in a 403 hint. */
	permission?: string;
	/** What a 404 is about, e.g. "Session devin-abc". */
	subject?: string;
	/** Starts something Devin charges for: never resent once it may have reached Devin. */
	createsResource?: boolean;
	timeoutMs?: number;
	itemIndex?: number;
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

function parseBody(body: unknown): unknown {
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

async function send(this: DevinFunctions, options: IHttpRequestOptions): Promise<Outcome> {
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this as never,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
		return {
			kind: 'status',
			status: response.statusCode,
			headers: (response.headers ?? {}) as IDataObject,
			retryAfterHeader: (response.headers as IDataObject | undefined)?.['retry-after'],
			body: parseBody(response.body),
		};
	} catch (error) {
		return {
			kind: 'network',
			code: networkCodeOf(error),
			message: (error as Error).message ?? String(error),
		};
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
 * The one way the Devin nodes reach the network: builds the URL, sends through n8n's
 * authentication, retries by the policy in `retry.ts`, and turns failures into actionable,
 * key-free `NodeApiError`s. The body is returned as Devin sent it; a few endpoints answer with an
 * array, a string or null, which their callers read as such.
 */
export async function devinApiRequest(
	this: DevinFunctions,
	request: DevinRequest,
): Promise<IDataObject> {
	const api = await getApiContext.call(this);
	const scope = request.scope ?? 'organization';
	const organizationId =
		api.version === 'v3' && scope === 'organization'
			? await resolveOrganizationId.call(this)
			: undefined;
	const segments = [...scopePrefix(api, scope, organizationId), ...(request.path ?? [])];
	const url = buildUrl(api.baseUrl, segments, request.qs);
	const signal = cancelSignal(this);
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		json: true,
		headers: { Accept: 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout:
			request.timeoutMs ?? (request.createsResource ? CREATE_TIMEOUT_MS : REQUEST_TIMEOUT_MS),
	};
	if (request.body !== undefined) options.body = request.body;

	let retries = 0;
	let waitedMs = 0;
	for (;;) {
		if (signal?.aborted) throw executionStopped(this.getNode(), request.itemIndex);
		const outcome = await send.call(this, options);
		if (signal?.aborted) throw executionStopped(this.getNode(), request.itemIndex);
		// A web page is never an API answer, even with a 200: the Base URL points at a website.
		const webPage = outcome.kind === 'status' && describeDevinError(outcome.body).html;
		if (outcome.kind === 'status' && outcome.status < 400 && !webPage)
			return outcome.body as IDataObject;

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
			path: `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`,
			host: new URL(api.baseUrl).host,
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
			version: api.version,
			keyKind: api.keyKind,
			organizationId,
			secrets: api.secrets,
			itemIndex: request.itemIndex,
		});
	}
}
