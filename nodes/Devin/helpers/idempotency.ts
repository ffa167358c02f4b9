import { createHash } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	GUARD_LOOKUP_PAGE_SIZE,
	GUARD_SETTLE_MS,
	GUARD_TAG_HASH_LENGTH,
	GUARD_TAG_PREFIX,
} from '../constants';
import { getApiContext } from '../transport';
import { fetchPage } from '../transport/pagination';
import { classifySession, devinSeconds } from './lifecycle';
import { fetchSession, sessionListRequest, terminateSession } from './sessions';
import { cancellableSleep, executionStopped } from '../transport/sleep';

/**
 * What makes two creates "the same session". `key`: an Idempotency Key — any session with the key
 * inside the reuse window is the answer, whatever its status. `title`: Dedupe by Title — only a
 * session with that title that is still active counts.
 */
export interface CreateGuard {
	kind: 'key' | 'title';
	/** The tag that marks guarded sessions on Devin's side, derived from the key or title. */
	tag: string;
	/** Sessions created longer ago than this do not count. */
	windowSeconds: number;
}

export interface GuardedCreate {
	session: IDataObject;
	isNewSession: boolean;
	/** A session this execution created but terminated because a twin created earlier won. */
	terminatedDuplicateId?: string;
}

/** The tag for a key or title: a prefix and a hash, so the key itself never shows in Devin. */
export function guardTag(kind: CreateGuard['kind'], value: string): string {
	const hash = createHash('sha256').update(`${kind}:${value}`).digest('hex');
	return `${GUARD_TAG_PREFIX}${hash.slice(0, GUARD_TAG_HASH_LENGTH)}`;
}

function counts(guard: CreateGuard, session: IDataObject): boolean {
	if (guard.kind === 'key') return true;
	return (
		session.is_archived !== true && ['working', 'waitingForUser'].includes(classifySession(session))
	);
}

/**
 * The one session that stands for a guard: the earliest created, then the lowest ID. Every
 * execution applies the same rule to the same sessions, so concurrent ones agree on the winner.
 */
export function pickWinner(sessions: IDataObject[]): IDataObject | undefined {
	let winner: IDataObject | undefined;
	for (const session of sessions) {
		if (winner === undefined) {
			winner = session;
			continue;
		}
		const a = devinSeconds(session.created_at);
		const b = devinSeconds(winner.created_at);
		if (a < b || (a === b && String(session.session_id) < String(winner.session_id)))
			winner = session;
	}
	return winner;
}

/** The guarded sessions created inside the window: one filtered list request. */
async function guardedSessions(
	this: IExecuteFunctions,
	guard: CreateGuard,
	itemIndex: number,
): Promise<IDataObject[]> {
	const api = await getApiContext.call(this);
	const since = Math.floor(Date.now() / 1000) - guard.windowSeconds;
	// v1 cannot filter by creation time; the tag alone narrows the list to a handful.
	const qs =
		api.version === 'v3' ? { tags: [guard.tag], created_after: since } : { tags: [guard.tag] };
	const page = await fetchPage.call(
		this,
		{ ...sessionListRequest(api.version, qs), itemIndex },
		GUARD_LOOKUP_PAGE_SIZE,
	);
	return page.items.filter(
		(session) =>
			Array.isArray(session.tags) &&
			(session.tags as unknown[]).includes(guard.tag) &&
			devinSeconds(session.created_at) >= since,
	);
}

/**
 * Creates a session at most once per guard, across retries, re-runs and concurrent executions:
 * look for the guard's session; if there is none, create one, wait until Devin's list shows it,
 * and look again. If a twin created earlier won the race, terminate our own at once and adopt
 * the twin, so exactly one session keeps running (and costing).
 */
export async function createGuarded(
	this: IExecuteFunctions,
	guard: CreateGuard,
	create: () => Promise<IDataObject>,
	itemIndex: number,
): Promise<GuardedCreate> {
	const existing = pickWinner(
		(await guardedSessions.call(this, guard, itemIndex)).filter((session) =>
			counts(guard, session),
		),
	);
	if (existing) return { session: existing, isNewSession: false };

	const created = await create();
	const ownId = String(created.session_id);
	const signal = this.getExecutionCancelSignal?.();
	if ((await cancellableSleep(GUARD_SETTLE_MS, signal)) === 'cancelled') {
		throw executionStopped(this.getNode(), itemIndex);
	}
	const listed = await guardedSessions.call(this, guard, itemIndex);
	let own = listed.find((session) => String(session.session_id) === ownId);
	// Our own session takes part even where the list lags behind; v1's create answer lacks created_at.
	if (own === undefined)
		own =
			created.created_at === undefined ? await fetchSession.call(this, ownId, itemIndex) : created;
	const rivals = listed.filter(
		(session) => String(session.session_id) !== ownId && counts(guard, session),
	);
	const winner = pickWinner([own, ...rivals]);
	if (winner === undefined || String(winner.session_id) === ownId) {
		return { session: created, isNewSession: true };
	}
	try {
		await terminateSession.call(this, ownId, itemIndex);
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			`Session ${ownId} duplicates session ${String(winner.session_id)} and could not be terminated`,
			{
				description: `Another execution created session ${String(winner.session_id)} for the same ${guard.kind === 'key' ? 'Idempotency Key' : 'title'} first. Terminate ${ownId} in Devin so it stops using ACUs. (${(error as Error).message})`,
				itemIndex,
			},
		);
	}
	return { session: winner, isNewSession: false, terminatedDuplicateId: ownId };
}
