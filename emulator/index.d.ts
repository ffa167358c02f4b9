/** The Devin API emulator's JavaScript API (used by the tests and the demo). See README.md. */

export interface EmulatorOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	host?: string;
	/** Clock speed: 10 makes a two-minute session finish in 12 s. */
	timeScale?: number;
	/** Stand still until `clock.advance()` is called. */
	manualClock?: boolean;
	startTime?: number;
	/** Move the clock this far on every API request, so sessions progress deterministically. */
	advancePerRequestMs?: number;
	/** How a session's attachment list is answered: a bare array (default) or `{items}`; Devin's docs show both. */
	attachmentListShape?: 'array' | 'items';
	/**
	 * Serve the repository endpoints under `/v3beta1` only (`/v3` answers 404 Not Found), like a
	 * deployment from before they were promoted. May be changed while the emulator runs.
	 */
	repositoriesOnlyInBeta?: boolean;
}

export type KeyName =
	| 'service'
	| 'admin'
	| 'readOnly'
	| 'noSelf'
	| 'enterprise'
	| 'pat'
	| 'other'
	| 'legacy'
	| 'legacyUser';

export interface LoggedRequest {
	seq: number;
	at: number;
	method: string;
	path: string;
	/** Every query value, repeated keys kept in order. */
	query: Record<string, string[]>;
	/** The status answered, or how the fault ended the exchange; null while unanswered. */
	status: number | 'reset' | 'hang' | 'truncated' | null;
	/** Which ready-made key authenticated it; `invalid` for an unknown one, null for none. */
	key: KeyName | 'invalid' | null;
	/** Presigned downloads only: whether an Authorization header was sent. */
	authorization?: boolean;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

/**
 * A fault for the next matching API requests. `status` answers JSON (`body`, or Devin's own error
 * shape); `html` an HTML page (the web app's for a 2xx, a proxy's error page otherwise); `text`
 * plain text; `empty` no body at all; `redirect` a 3xx to `location`; `truncated` the real answer
 * cut in half under a Content-Length promising all of it (always after handling); `reset` drops the
 * connection; `hang` never answers; `delay` waits `delayMs`, then answers as usual.
 */
export interface Fault {
	method?: string;
	/** Matches when the request path contains this text. */
	path?: string;
	/** How many matching requests fail (default 1). */
	count?: number;
	/** How many matching requests go through untouched before the fault starts (default 0). */
	skip?: number;
	kind?:
		| 'status'
		| 'html'
		| 'text'
		| 'empty'
		| 'redirect'
		| 'truncated'
		| 'reset'
		| 'hang'
		| 'delay';
	status?: number;
	retryAfter?: number | string;
	body?: unknown;
	/** Where a `redirect` points (default: the same path on another host). */
	location?: string;
	/** Handle the request first, then fail the response: the "it may have reached Devin" case. */
	after?: boolean;
	delayMs?: number;
}

export interface EmulatedSession {
	session_id: string;
	org_id: string;
	title: string | null;
	prompt: string;
	status: string;
	status_detail: string | null;
	tags: string[];
	created_at: number;
	updated_at: number;
	acus_consumed: number;
	is_archived: boolean;
	pull_requests: Array<{ pr_url: string; pr_state: string | null }>;
	structured_output: unknown;
	messages: Array<{
		event_id: string;
		message: string;
		source: 'user' | 'devin';
		created_at: number;
	}>;
	[field: string]: unknown;
}

export interface SessionStore {
	get(id: string): EmulatedSession | undefined;
	list(orgIds?: string[]): EmulatedSession[];
	create(fields: Record<string, unknown>): EmulatedSession;
	patch(session: EmulatedSession | undefined, fields: Record<string, unknown>): EmulatedSession;
}

export interface EmulatedIndexingJob {
	job_id: string;
	kind: 'search' | 'wiki';
	branch_name: string;
	commit: string;
	created_ms: number;
	duration_ms: number;
	/** How the job ends once `duration_ms` has passed on the emulator's clock. */
	outcome: 'completed' | 'failed';
}

export interface EmulatedRepository {
	org_id: string;
	repo_path: string;
	repo_name: string;
	repo_description: string | null;
	repo_language: string | null;
	git_connection_id: string;
	git_connection_host: string;
	provider_repository_id: string;
	last_updated_ms: number;
	default_branch: string;
	/** How new indexing jobs of this repository end. */
	index_outcome: 'completed' | 'failed';
	indexing_enabled: boolean;
	branches: string[];
	jobs: EmulatedIndexingJob[];
}

export interface EmulatedAcuLimit {
	cycle_acu_limit: number;
	scope: 'enterprise' | 'organization' | 'user';
	org_id: string | null;
	user_id: string | null;
}

export interface EmulatorData {
	/** Keyed by `${org_id}:${repo_path}`. */
	repositories: Map<string, EmulatedRepository>;
	acuLimits: EmulatedAcuLimit[];
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	[name: string]: any;
}

export interface EmulatorClock {
	now(): number;
	advance(ms: number): number;
}

export interface EmulatorInfo {
	url: string;
	orgId: string;
	otherOrgId: string;
	keys: Record<KeyName, string>;
	now: number;
}

export declare class Emulator {
	url: string;
	port: number;
	options: EmulatorOptions;
	clock: EmulatorClock;
	store: SessionStore;
	requests: LoggedRequest[];
	faults: Fault[];
	data: EmulatorData;
	reset(): void;
	close(): Promise<void>;
	info(): EmulatorInfo;
	addFault(fault: Fault): Fault;
	seedSessions(count: number, fields?: Record<string, unknown>): EmulatedSession[];
	/** Adds repositories `${prefix}001`… (default prefix `bulk/repo-`) to an organization. */
	seedRepositories(
		count: number,
		options?: { org_id?: string; prefix?: string },
	): EmulatedRepository[];
	/** Adds `count` user-level ACU limits; returns how many limits there are now. */
	seedAcuLimits(count: number): number;
	waitForRequest(predicate?: (entry: LoggedRequest) => boolean): Promise<LoggedRequest>;
	/** Every answered API request, as it is logged. */
	on(event: 'request', listener: (entry: LoggedRequest) => void): this;
	/**
	 * Answers an API request in-process, as over HTTP but without the request log or faults: a
	 * quick way to create what a test needs. `body` is JSON, or raw bytes with their `contentType`.
	 */
	call(
		method: string,
		path: string,
		options?: { key?: KeyName; body?: unknown; contentType?: string }, // eslint-disable-next-line @typescript-eslint/no-explicit-any
	): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
	/** The value a secret was created with; no API answer ever carries it. */
	secretValue(secretId: string): string | undefined;
}

export declare function startEmulator(options?: EmulatorOptions): Promise<Emulator>;

export declare const ORG_ID: string;
export declare const OTHER_ORG_ID: string;
