import type { IDataObject } from 'n8n-workflow';

import { TRIGGER_ASLEEP_MEMORY_SECONDS, TRIGGER_MAX_TRACKED_SESSIONS } from '../constants';
import {
	classifySession,
	devinSeconds,
	hasSessionEnded,
	isSessionResting,
	type SessionPhase,
} from '../helpers/lifecycle';
import { PHASE_EVENTS, type TriggerEvent } from './events';
import type { Rest, TrackedSession, TriggerState } from './state';

export interface DetectedEvent {
	event: TriggerEvent;
	session: IDataObject;
	previousPhase: SessionPhase | null;
	pullRequest?: IDataObject;
}

/** Unix seconds from v3's integers or v1's ISO strings. */
export const serverSeconds = devinSeconds;

/** A session's pull requests: v3 lists them, v1 has the latest one. */
export function pullRequestsOf(session: IDataObject): IDataObject[] {
	if (Array.isArray(session.pull_requests)) return session.pull_requests as IDataObject[];
	const single = session.pull_request as IDataObject | null | undefined;
	return single && typeof single.url === 'string' ? [{ pr_url: single.url }] : [];
}

const prUrl = (pr: IDataObject) => String(pr.pr_url ?? pr.url ?? '');

function restOf(session: IDataObject): Rest {
	if (hasSessionEnded(session)) return 'ended';
	return isSessionResting(session) ? 'asleep' : 'active';
}

/**
 * What an observation of a session means, given what the trigger knew before. A session it has
 * never seen is new if it was created inside the window; otherwise it sat idle until now, and an
 * idle Devin session rests (asleep or ended): still resting means nothing happened, anything else
 * means it was woken up. PRs on a session seen for the first time without being new are old.
 */
export function observe(
	state: TriggerState,
	session: IDataObject,
	windowFloor: number,
): DetectedEvent[] {
	const id = String(session.session_id);
	const phase = classifySession(session);
	const prs = pullRequestsOf(session);
	const known: TrackedSession | undefined = state.sessions[id];
	let previous: SessionPhase | null;
	let knownPrs: string[];
	if (known) {
		previous = known.phase;
		knownPrs = known.prs;
	} else if (serverSeconds(session.created_at) >= Math.max(windowFloor, state.baseline)) {
		previous = null;
		knownPrs = [];
	} else {
		previous = isSessionResting(session) ? phase : 'suspended';
		knownPrs = prs.map(prUrl);
	}

	const events: DetectedEvent[] = [];
	if (previous === null) events.push({ event: 'sessionCreated', session, previousPhase: null });
	if (phase !== previous) {
		const phaseEvent = PHASE_EVENTS[phase];
		if (phaseEvent) events.push({ event: phaseEvent, session, previousPhase: previous });
		events.push({ event: 'sessionStatusChanged', session, previousPhase: previous });
	}
	for (const pr of prs) {
		if (!knownPrs.includes(prUrl(pr))) {
			events.push({
				event: 'pullRequestOpened',
				session,
				previousPhase: previous,
				pullRequest: pr,
			});
		}
	}
	state.sessions[id] = {
		phase,
		rest: restOf(session),
		updatedAt: serverSeconds(session.updated_at),
		prs: [...new Set([...knownPrs, ...prs.map(prUrl)])],
	};
	return events;
}

/**
 * Forgets what no longer matters: ended sessions once out of the window (they never change, and a
 * later touch reads as nothing happening), sleeping ones after a week, then, past the size bound,
 * the longest-idle sessions.
 */
export function prune(state: TriggerState): void {
	for (const [id, session] of Object.entries(state.sessions)) {
		const forgettable =
			(session.rest === 'ended' && session.updatedAt < state.floor) ||
			(session.rest === 'asleep' &&
				session.updatedAt < state.floor - TRIGGER_ASLEEP_MEMORY_SECONDS);
		if (forgettable) delete state.sessions[id];
	}
	const ids = Object.keys(state.sessions);
	if (ids.length <= TRIGGER_MAX_TRACKED_SESSIONS) return;
	ids
		.sort((a, b) => state.sessions[a].updatedAt - state.sessions[b].updatedAt)
		.slice(0, ids.length - TRIGGER_MAX_TRACKED_SESSIONS)
		.forEach((id) => delete state.sessions[id]);
}
