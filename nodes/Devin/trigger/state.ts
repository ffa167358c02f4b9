import type { SessionPhase } from '../helpers/lifecycle';

export const STATE_VERSION = 1;

/** `asleep` sessions can still be woken or ended; `ended` ones never change again. */
export type Rest = 'active' | 'asleep' | 'ended';

/** What the trigger remembers of one session: phase, rest, last update (server seconds), known PRs. */
export interface TrackedSession {
	phase: SessionPhase;
	rest: Rest;
	updatedAt: number;
	prs: string[];
}

/** A listing that did not fit in one poll, continued by the next. */
export interface Cycle {
	/** The window floor this listing started with. */
	floor: number;
	/** Where the next page starts (cursor or offset). */
	next: string;
	/** The latest update seen in the first poll of the listing (server seconds). */
	firstPollMax: number;
	/** When the listing began, by n8n's clock (seconds). */
	startedAt: number;
	/** The latest update seen so far (server seconds). */
	maxSeen: number;
	/** The latest update on the listing's first page (server seconds); what the listing missed changed later. */
	firstPageMax?: number;
	/** The latest updates seen so far, newest first (server seconds), as many as half a page. */
	latest?: number[];
	/** How many sessions a page held when more followed: Devin's page size. */
	pageSize?: number;
	/** The activation listing: it learns the current state and fires nothing. */
	baseline?: boolean;
}

/**
 * The trigger's memory, kept in the node's static data: small, JSON only, versioned. `scope`
 * fingerprints the credential and filters; when it changes, the trigger starts over.
 */
export interface TriggerState {
	version: number;
	scope: string;
	/** The organization found for the key (v3), so polls need no `/v3/self`. */
	organizationId?: string;
	/** Sessions created by this key are filtered by these. */
	creator?: { serviceUserIds?: string[]; userIds?: string[] };
	/** When watching began (server seconds); 0 while the activation listing runs. */
	baseline: number;
	/** Sessions updated after this are asked for (server seconds). */
	floor: number;
	cycle?: Cycle;
	sessions: Record<string, TrackedSession>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);
const isNumber = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

function isTrackedSession(value: unknown): value is TrackedSession {
	return (
		isRecord(value) &&
		typeof value.phase === 'string' &&
		['active', 'asleep', 'ended'].includes(String(value.rest)) &&
		isNumber(value.updatedAt) &&
		Array.isArray(value.prs) &&
		value.prs.every((pr) => typeof pr === 'string')
	);
}

function isCycle(value: unknown): value is Cycle {
	return (
		isRecord(value) &&
		isNumber(value.floor) &&
		typeof value.next === 'string' &&
		isNumber(value.firstPollMax) &&
		isNumber(value.startedAt) &&
		isNumber(value.maxSeen) &&
		(value.firstPageMax === undefined || isNumber(value.firstPageMax)) &&
		(value.latest === undefined || (Array.isArray(value.latest) && value.latest.every(isNumber))) &&
		(value.pageSize === undefined || isNumber(value.pageSize)) &&
		(value.baseline === undefined || typeof value.baseline === 'boolean')
	);
}

/** Whether stored data is a state this version of the trigger can continue from. */
export function isTriggerState(value: unknown): value is TriggerState {
	return (
		isRecord(value) &&
		value.version === STATE_VERSION &&
		typeof value.scope === 'string' &&
		isNumber(value.baseline) &&
		isNumber(value.floor) &&
		(value.cycle === undefined || isCycle(value.cycle)) &&
		(value.organizationId === undefined || typeof value.organizationId === 'string') &&
		isRecord(value.sessions) &&
		Object.values(value.sessions).every(isTrackedSession)
	);
}

/** Replaces the contents of n8n's static data object in place (n8n keeps a reference to it). */
export function writeState(staticData: Record<string, unknown>, state: TriggerState): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, JSON.parse(JSON.stringify(state)) as TriggerState);
}
