import type { IDataObject, IHttpRequestOptions, INode, IPollFunctions } from 'n8n-workflow';

/** One session as the model server holds it; times in server milliseconds. */
export interface ModelSession {
	id: string;
	title: string;
	createdAt: number;
	updatedAt: number;
	status: string;
	detail: string | null;
	prs: string[];
	tags: string[];
}

export const MODEL_ORG = 'org-model';

interface ModelAnswer {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

const answer =
	(statusCode: number, body: unknown, headers: IDataObject = {}) =>
	() =>
		({ statusCode, headers, body }) as ModelAnswer;
const broken = (code: string, message: string) => (): ModelAnswer => {
	throw Object.assign(new Error(message), { code });
};
const page = (status: number) =>
	`<html><head><title>${status} Bad Gateway</title></head><body>nginx</body></html>`;

/**
 * The fault matrix's faults as n8n hands them to the node: an answer, or the error its HTTP client
 * throws (a reset, a timeout, an answer that broke off).
 */
export const MODEL_FAULTS: Record<string, () => ModelAnswer> = {
	'429 without Retry-After': answer(429, { detail: 'Rate limit exceeded' }),
	'429 with Retry-After in seconds': answer(
		429,
		{ detail: 'Rate limit exceeded' },
		{ 'retry-after': '1' },
	),
	'429 with Retry-After as an HTTP date': () =>
		answer(
			429,
			{ detail: 'Rate limit exceeded' },
			{ 'retry-after': new Date(Date.now() + 2_000).toUTCString() },
		)(),
	'500 JSON': answer(500, { detail: 'Internal server error' }),
	'502 JSON': answer(502, { detail: 'Bad gateway' }),
	'503 JSON': answer(503, { detail: 'Service unavailable' }),
	'504 JSON': answer(504, { detail: 'Gateway timeout' }),
	'500 HTML page': answer(500, page(500)),
	'502 HTML page': answer(502, page(502)),
	'503 HTML page': answer(503, page(503)),
	'504 HTML page': answer(504, page(504)),
	'connection reset': broken('ECONNRESET', 'socket hang up'),
	'no answer until the timeout': broken('ECONNABORTED', 'timeout of 30000ms exceeded'),
	'200 with an empty body': answer(200, ''),
	'200 with a body that is not JSON': answer(200, 'OK'),
	'200 with a JSON array': answer(200, ['unexpected']),
	'200 with a JSON string': answer(200, 'unexpected'),
	'200 with JSON null': answer(200, null),
	'200 with an object missing the documented ID': answer(200, { unexpected: true }),
	'200 with a session missing its ID': answer(200, {
		items: [{ title: 'x' }],
		has_next_page: false,
	}),
	'200 with a truncated body': broken('ERR_BAD_RESPONSE', 'stream has been aborted'),
	'302 to another host': answer(302, '', { location: 'https://elsewhere.example/sessions' }),
};

/** A fault for the next requests: `skip` go through first, then `count` break. */
export interface ModelFault {
	kind: keyof typeof MODEL_FAULTS;
	skip: number;
	count: number;
	/** Break the answer after the request was handled (pages served, changes made). */
	after: boolean;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * Devin's session list as the trigger relies on it, in memory: `updated_after` (strict, in whole
 * seconds), newest-created first, keyset cursors, pages far smaller than Devin's so every poll
 * pages. `afterPage` lets a history change sessions between two pages of one poll.
 */
export class ModelServer {
	now = 1_800_000_000_000;
	sessions: ModelSession[] = [];
	pageSize = 3;
	requests = 0;
	afterPage?: () => void;
	fault?: ModelFault;
	/** Requests a fault broke. */
	broken = 0;
	private sequence = 0;

	create(fields: Partial<ModelSession> = {}): ModelSession {
		this.sequence += 1;
		const session: ModelSession = {
			id: `devin-${String(this.sequence).padStart(6, '0')}`,
			title: `Session ${this.sequence}`,
			createdAt: this.now,
			updatedAt: this.now,
			status: 'new',
			detail: null,
			prs: [],
			tags: [],
			...fields,
		};
		this.sessions.push(session);
		return session;
	}

	update(session: ModelSession, fields: Partial<ModelSession>): void {
		Object.assign(session, fields);
		session.updatedAt = Math.max(session.updatedAt + 1, this.now);
	}

	private toApi(session: ModelSession): IDataObject {
		return {
			session_id: session.id,
			title: session.title,
			status: session.status,
			status_detail: session.detail,
			created_at: seconds(session.createdAt),
			updated_at: seconds(session.updatedAt),
			pull_requests: session.prs.map((pr_url) => ({ pr_url, pr_state: 'open' })),
			tags: [...session.tags],
			org_id: MODEL_ORG,
		};
	}

	handle(options: IHttpRequestOptions): ModelAnswer {
		const fault = this.fault;
		if (fault && fault.skip > 0) fault.skip -= 1;
		else if (fault && fault.count > 0) {
			fault.count -= 1;
			this.broken += 1;
			if (fault.after) this.serve(options);
			return MODEL_FAULTS[fault.kind]();
		}
		return this.serve(options);
	}

	private serve(options: IHttpRequestOptions): ModelAnswer {
		this.requests += 1;
		const url = new URL(options.url);
		if (url.pathname === '/v3/self') {
			return {
				statusCode: 200,
				headers: {},
				body: { principal_type: 'service_user', service_user_id: 'su-model', org_id: MODEL_ORG },
			};
		}
		if (url.pathname !== `/v3/organizations/${MODEL_ORG}/sessions`) {
			return { statusCode: 404, headers: {}, body: { detail: 'Not Found' } };
		}
		const updatedAfter = Number(url.searchParams.get('updated_after') ?? -Infinity);
		const first = Math.min(Number(url.searchParams.get('first') ?? 100), this.pageSize);
		const after = url.searchParams.get('after');
		const key = (session: ModelSession): [number, string] => [
			seconds(session.createdAt),
			session.id,
		];
		const newerFirst = (a: ModelSession, b: ModelSession) =>
			seconds(b.createdAt) - seconds(a.createdAt) || (a.id < b.id ? 1 : -1);
		const matching = this.sessions
			.filter((session) => seconds(session.updatedAt) > updatedAfter)
			.sort(newerFirst);
		let start = 0;
		if (after) {
			const [created, id] = JSON.parse(after) as [number, string];
			start = matching.findIndex((session) => {
				const [c, i] = key(session);
				return c < created || (c === created && i < id);
			});
			if (start < 0) start = matching.length;
		}
		const page = matching.slice(start, start + first);
		const hasNext = start + first < matching.length;
		const body = {
			items: page.map((session) => this.toApi(session)),
			has_next_page: hasNext,
			end_cursor: hasNext ? JSON.stringify(key(page[page.length - 1])) : null,
			total: null,
		};
		this.afterPage?.();
		return { statusCode: 200, headers: {}, body };
	}
}

const NODE: INode = {
	id: 'trigger',
	name: 'Devin Trigger',
	type: 'CUSTOM.devinTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A minimal poll context over the model: what the trigger reads of n8n, nothing more. */
export function modelPollContext(
	server: ModelServer,
	parameters: IDataObject,
	staticData: IDataObject,
	budgetMs: number,
): IPollFunctions {
	return {
		getNode: () => NODE,
		getMode: () => 'trigger',
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getWorkflowStaticData: () => staticData,
		getPollBudgetMs: () => budgetMs,
		getCredentials: async () => ({
			apiKey: 'cog_example_model',
			baseUrl: 'http://model.invalid',
			apiVersion: 'v3',
		}),
		getTimezone: () => 'UTC',
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) =>
				server.handle(options),
		},
	} as unknown as IPollFunctions;
}
