import { createHash } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import {
	TRIGGER_BASELINE_LOOKBACK_SECONDS,
	TRIGGER_BUDGET_SHARE,
	TRIGGER_CLOCK_SKEW_MARGIN_SECONDS,
	TRIGGER_DEFAULT_BUDGET_MS,
	TRIGGER_MAX_PAGES_PER_POLL,
	TRIGGER_OVERLAP_SECONDS,
	TRIGGER_REREAD_PAGE_SHARE,
	TRIGGER_SAMPLE_SIZE,
	TRIGGER_V1_MAX_AGE_SECONDS,
	MAX_PAGE_SIZE,
	V1_MAX_PAGE_SIZE,
} from '../constants';
import { classifySession } from '../helpers/lifecycle';
import { formatOutput, toCamelCase } from '../helpers/mapping';
import { sessionListRequest } from '../helpers/sessions';
import {
	devinApiRequest,
	getApiContext,
	resolveOrganizationId,
	type DevinApiContext,
} from '../transport';
import { fetchPage, type Page } from '../transport/pagination';
import { observe, prune, pullRequestsOf, serverSeconds, type DetectedEvent } from './detect';
import { EVENT_PHASES, TRIGGER_EVENTS, type TriggerEvent } from './events';
import { matches, readTriggerFilters, serverQuery, type TriggerFilters } from './filters';
import { isTriggerState, STATE_VERSION, writeState, type Cycle, type TriggerState } from './state';

interface PollClock {
	/** n8n's clock, in seconds; used only for the poll budget and where Devin gave no time yet. */
	nowSeconds(): number;
	nowMs(): number;
}

const systemClock: PollClock = {
	nowSeconds: () => Math.floor(Date.now() / 1000),
	nowMs: () => Date.now(),
};

function readEvents(this: IPollFunctions): TriggerEvent[] {
	const events = this.getNodeParameter('events', []) as TriggerEvent[];
	const known = TRIGGER_EVENTS.map((event) => event.value);
	if (
		!Array.isArray(events) ||
		events.length === 0 ||
		events.some((event) => !known.includes(event))
	) {
		throw new NodeOperationError(this.getNode(), 'Events: pick at least one event to trigger on', {
			description: 'For example Session Finished.',
		});
	}
	return events;
}

/** A fingerprint of everything the state depends on. The key is hashed, never stored. */
function scopeOf(api: DevinApiContext, filters: TriggerFilters): string {
	return createHash('sha256')
		.update(
			JSON.stringify([
				api.baseUrl,
				api.version,
				api.organizationId ?? '',
				api.secrets[0] ?? '',
				filters,
			]),
		)
		.digest('hex')
		.slice(0, 24);
}

/** One page of the sessions changed since `floor` (v3), or of the newest sessions (v1). */
async function fetchChanges(
	this: IPollFunctions,
	api: DevinApiContext,
	query: ReturnType<typeof serverQuery>,
	floor: number,
	next: string | undefined,
): Promise<Page> {
	if (api.version === 'v3') {
		return await fetchPage.call(
			this,
			sessionListRequest('v3', { ...query, updated_after: floor }),
			MAX_PAGE_SIZE,
			next,
		);
	}
	return await fetchPage.call(
		this,
		sessionListRequest('v1', { tags: query.tags }),
		V1_MAX_PAGE_SIZE,
		next,
	);
}

/** v1 lists newest first without an update filter: stop once sessions are older than the watch age. */
function pastV1Horizon(api: DevinApiContext, page: Page, clock: PollClock): boolean {
	if (api.version !== 'v1' || page.items.length === 0) return false;
	const oldest = serverSeconds(page.items[page.items.length - 1].created_at);
	return oldest < clock.nowSeconds() - TRIGGER_V1_MAX_AGE_SECONDS;
}

async function whoAmI(this: IPollFunctions): Promise<TriggerState['creator']> {
	const self = await devinApiRequest.call(this, {
		method: 'GET',
		scope: 'account',
		path: ['self'],
		permission: 'ReadAccountMeta',
		expects: { kind: 'object', id: 'principal_type' },
	});
	return {
		serviceUserIds: typeof self.service_user_id === 'string' ? [self.service_user_id] : undefined,
		userIds: typeof self.user_id === 'string' ? [self.user_id] : undefined,
	};
}

/**
 * First activation: learn what is going on now, so nothing that happened before fires. The
 * sessions changed in the last day are listed once (across polls if need be) and remembered.
 */
async function startWatching(
	this: IPollFunctions,
	api: DevinApiContext,
	filters: TriggerFilters,
	scope: string,
	clock: PollClock,
): Promise<TriggerState> {
	const since = clock.nowSeconds() - TRIGGER_BASELINE_LOOKBACK_SECONDS;
	const state: TriggerState = {
		version: STATE_VERSION,
		scope,
		baseline: 0,
		floor: since,
		cycle: {
			floor: since,
			next: '',
			firstPollMax: 0,
			maxSeen: 0,
			startedAt: clock.nowSeconds(),
			baseline: true,
		},
		sessions: {},
	};
	if (api.version === 'v3') state.organizationId = await resolveOrganizationId.call(this);
	if (filters.createdByThisKey) state.creator = await whoAmI.call(this);
	await detectChanges.call(this, api, state, filters, clock);
	return state;
}

function budgetMs(context: IPollFunctions): number {
	const budget =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && budget > 0 ? budget : TRIGGER_DEFAULT_BUDGET_MS;
}

/** Keeps the latest updates of the listing (as many as half a page) and Devin's page size. */
function noteLatest(cycle: Cycle, page: Page): void {
	if (page.next !== undefined)
		cycle.pageSize = Math.min(cycle.pageSize ?? MAX_PAGE_SIZE, page.items.length);
	const latest = [
		...(cycle.latest ?? []),
		...page.items.map((item) => serverSeconds(item.updated_at)),
	];
	cycle.latest = latest
		.sort((a, b) => b - a)
		.slice(0, Math.floor(MAX_PAGE_SIZE * TRIGGER_REREAD_PAGE_SHARE) + 1);
}

/**
 * The overlap re-read guards against Devin showing a change late, and may take at most half of
 * the next first page: so after a burst, the next poll is one request again. The floor never
 * passes the latest update on the listing's first page, as whatever the listing missed (it
 * changed on a page already read) changed after that.
 */
function rereadFloor(cycle: Cycle): number {
	const keep = Math.floor((cycle.pageSize ?? MAX_PAGE_SIZE) * TRIGGER_REREAD_PAGE_SHARE);
	const latest = cycle.latest ?? [];
	if (cycle.firstPageMax === undefined || latest.length <= keep) return 0;
	return Math.min(cycle.firstPageMax - 1, latest[keep]);
}

/**
 * One poll: read the sessions changed since the window floor, page by page, until done or out of
 * pages or time; what is left is picked up by the next poll, never dropped. The floor only moves
 * once a listing is complete, to the latest change seen (in Devin's time) minus the overlap.
 */
async function detectChanges(
	this: IPollFunctions,
	api: DevinApiContext,
	state: TriggerState,
	filters: TriggerFilters,
	clock: PollClock,
): Promise<DetectedEvent[]> {
	const deadline = clock.nowMs() + budgetMs(this) * TRIGGER_BUDGET_SHARE;
	const firstPoll =
		state.cycle === undefined || (state.cycle.next === '' && state.cycle.maxSeen === 0);
	const cycle = state.cycle ?? {
		floor: state.floor,
		next: '',
		firstPollMax: 0,
		maxSeen: 0,
		startedAt: clock.nowSeconds(),
	};
	const query = serverQuery(filters, state);
	const events: DetectedEvent[] = [];
	let next: string | undefined = cycle.next || undefined;
	let complete = false;
	// Every poll reads at least one page, so even the smallest budget makes progress.
	for (let pages = 0; pages < TRIGGER_MAX_PAGES_PER_POLL; pages++) {
		if (pages > 0 && clock.nowMs() >= deadline) break;
		const firstPage = next === undefined;
		const page = await fetchChanges.call(this, api, query, cycle.floor, next);
		for (const session of page.items) {
			const updatedAt = serverSeconds(session.updated_at);
			cycle.maxSeen = Math.max(cycle.maxSeen, updatedAt);
			if (firstPoll) cycle.firstPollMax = Math.max(cycle.firstPollMax, updatedAt);
			if (firstPage) cycle.firstPageMax = Math.max(cycle.firstPageMax ?? 0, updatedAt);
			if (matches(filters, state, session)) events.push(...observe(state, session, cycle.floor));
		}
		noteLatest(cycle, page);
		if (!page.next || pastV1Horizon(api, page, clock)) {
			complete = true;
			break;
		}
		next = page.next;
	}
	if (!complete) {
		state.cycle = { ...cycle, next: next ?? '' };
	} else if (cycle.baseline) {
		// Devin's own clock where it has shown it; n8n's, moved back past any plausible skew, otherwise.
		state.baseline = Math.max(
			cycle.maxSeen,
			clock.nowSeconds() - TRIGGER_CLOCK_SKEW_MARGIN_SECONDS,
		);
		state.floor = state.baseline - TRIGGER_OVERLAP_SECONDS;
		delete state.cycle;
	} else {
		// Anything not yet seen changed after this listing began, so the window can move up to the
		// listing's start in Devin's time: after what its first poll saw, and after n8n's start time
		// moved back past any plausible skew. Quiet organizations then cost one empty page per poll.
		const started = Math.max(
			cycle.firstPollMax,
			cycle.startedAt - TRIGGER_CLOCK_SKEW_MARGIN_SECONDS,
		);
		state.floor = Math.max(
			state.floor,
			started - TRIGGER_OVERLAP_SECONDS,
			api.version === 'v3' ? rereadFloor(cycle) : 0,
		);
		delete state.cycle;
	}
	prune(state);
	// The activation listing only learns; what it sees happened before watching began.
	return cycle.baseline ? [] : events;
}

function toItem(detected: DetectedEvent): INodeExecutionData {
	const json: IDataObject = {
		event: detected.event,
		previousPhase: detected.previousPhase,
		...formatOutput('session', detected.session, { raw: false, lean: false }),
	};
	if (detected.pullRequest) json.pullRequest = toCamelCase(detected.pullRequest);
	return { json };
}

/** Fetch Test Event: the latest session that shows a chosen event, without touching the state. */
async function sample(
	this: IPollFunctions,
	api: DevinApiContext,
	events: TriggerEvent[],
	filters: TriggerFilters,
): Promise<INodeExecutionData[][] | null> {
	const creator = filters.createdByThisKey ? await whoAmI.call(this) : undefined;
	const page = await fetchPage.call(
		this,
		sessionListRequest(api.version, serverQuery(filters, { creator })),
		TRIGGER_SAMPLE_SIZE,
	);
	const sessions = page.items.filter((session) => matches(filters, { creator }, session));
	for (const session of sessions) {
		for (const event of events) {
			const phase = EVENT_PHASES[event];
			const prs = pullRequestsOf(session);
			if (phase !== undefined && classifySession(session) !== phase) continue;
			if (event === 'pullRequestOpened' && prs.length === 0) continue;
			const detected: DetectedEvent = { event, session, previousPhase: null };
			if (event === 'pullRequestOpened') detected.pullRequest = prs[prs.length - 1];
			return [[toItem(detected)]];
		}
	}
	return null;
}

export async function pollSessions(
	this: IPollFunctions,
	clock: PollClock = systemClock,
): Promise<INodeExecutionData[][] | null> {
	const api = await getApiContext.call(this);
	const events = readEvents.call(this);
	const filters = readTriggerFilters.call(this, api.version);
	if (this.getMode() === 'manual') return await sample.call(this, api, events, filters);

	const staticData = this.getWorkflowStaticData('node') as Record<string, unknown>;
	const scope = scopeOf(api, filters);
	if (!isTriggerState(staticData) || staticData.scope !== scope) {
		writeState(staticData, await startWatching.call(this, api, filters, scope, clock));
		return null;
	}
	// A poll works on a copy: one that fails part way (n8n keeps the static data in memory) leaves
	// the state as it was, so the next poll sees, and fires, everything this one would have.
	const state = JSON.parse(JSON.stringify(staticData)) as TriggerState;
	if (state.organizationId && !api.organizationId) {
		// The organization found at activation is reused, so an idle poll stays one request.
		api.organizationId = state.organizationId;
	}
	const detected = (await detectChanges.call(this, api, state, filters, clock)).filter((event) =>
		events.includes(event.event),
	);
	writeState(staticData, state);
	if (state.cycle?.baseline) return null;
	return detected.length ? [detected.map(toItem)] : null;
}
