import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { V1_MAX_PAGE_SIZE, WAIT_SETTLE_GRACE_MS } from '../constants';
import { devinApiRequest, getApiContext, type ApiVersion, type DevinFunctions } from '../transport';
import type { ListRequest } from '../transport/pagination';
import type { QueryParams } from '../transport/url';
import { classifySession, hasSessionEnded, SESSION_PHASES, type SessionPhase } from './lifecycle';
import { explainToModel } from './modelErrors';
import { pollUntil } from './poll';

export async function fetchSession(
	this: DevinFunctions,
	sessionId: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return await devinApiRequest.call(this, {
		method: 'GET',
		path: ['sessions', sessionId],
		permission: 'ViewOrgSessions',
		subject: `Session ${sessionId}`,
		expects: { kind: 'object', id: 'session_id' },
		itemIndex,
	});
}

/** Ends a session for good (v3 can keep it archived for reference). */
export async function terminateSession(
	this: DevinFunctions,
	sessionId: string,
	itemIndex?: number,
	archive = false,
): Promise<IDataObject> {
	const api = await getApiContext.call(this);
	return await devinApiRequest.call(this, {
		method: 'DELETE',
		path: ['sessions', sessionId],
		qs: api.version === 'v3' ? { archive } : undefined,
		permission: 'ManageOrgSessions',
		subject: `Session ${sessionId}`,
		// v1 answers {detail} without the session.
		expects:
			api.version === 'v3'
				? { kind: 'object', id: 'session_id' }
				: { kind: 'object', orNothing: true },
		itemIndex,
	});
}

export interface WaitSettings {
	stopOn: SessionPhase[];
	timeoutMs: number;
	intervalMs: number;
}

export interface SettleBaseline {
	/** The session's `updated_at` when the message was sent, if Devin returned it. */
	updatedAt?: unknown;
}

function phaseName(phase: SessionPhase): string {
	return SESSION_PHASES.find((entry) => entry.value === phase)?.name ?? phase;
}

function minutes(ms: number): string {
	const value = Math.round((ms / 60_000) * 100) / 100;
	return `${value} min`;
}

/**
 * Polls `GET` the session (create and message responses lack `status_detail`) until its phase is
 * one of `stopOn`. With a `settle` baseline (after a message), a stop phase counts only once the
 * session has moved on from the turn before: a non-stop phase seen, a new `updated_at`, or a grace.
 */
export async function waitForSession(
	this: IExecuteFunctions,
	sessionId: string,
	settings: WaitSettings,
	itemIndex: number,
	settle?: SettleBaseline,
): Promise<IDataObject> {
	let movedOn = settle === undefined;
	return await pollUntil<IDataObject, IDataObject>(
		this,
		{ timeoutMs: settings.timeoutMs, intervalMs: settings.intervalMs, itemIndex },
		async (elapsedMs) => {
			const session = await fetchSession.call(this, sessionId, itemIndex);
			const phase = classifySession(session);
			if (!settings.stopOn.includes(phase)) {
				movedOn = true;
				if (hasSessionEnded(session)) {
					throw explainToModel(
						new NodeOperationError(
							this.getNode(),
							`Session ${sessionId} ended as ${phaseName(phase)}, which is not a phase to stop on`,
							{
								description: `It can no longer change. Add "${phaseName(phase)}" to Stop On to accept this outcome, or look at the session in Devin: ${String(session.url ?? sessionId)}`,
								itemIndex,
							},
						),
						`Session ${sessionId} ended as ${phaseName(phase)} and cannot continue. Tell the user; the session is at ${String(session.url ?? sessionId)}.`,
					);
				}
				return { state: session, verdict: { done: false } };
			}
			const settled =
				movedOn ||
				(settle?.updatedAt !== undefined && session.updated_at !== settle.updatedAt) ||
				elapsedMs >= WAIT_SETTLE_GRACE_MS;
			return {
				state: session,
				verdict: settled ? { done: true, value: session } : { done: false },
			};
		},
		(last) => {
			const still = `Session ${sessionId} is still ${phaseName(classifySession(last))} after ${minutes(settings.timeoutMs)}`;
			return explainToModel(
				new NodeOperationError(this.getNode(), still, {
					description: `The session keeps running in Devin (${String(last.url ?? sessionId)}). Raise Timeout (Minutes), or turn off Wait for Completion and use the Wait for Completion operation later with session ID ${sessionId}.`,
					itemIndex,
				}),
				`${still}; it keeps running in Devin (${String(last.url ?? sessionId)}). Get the session with ID ${sessionId} later to see its progress and results, instead of waiting now.`,
			);
		},
	);
}

/** The list request for sessions in either API version. */
export function sessionListRequest(version: ApiVersion, qs: QueryParams = {}): ListRequest {
	return version === 'v1'
		? {
				method: 'GET',
				path: ['sessions'],
				qs,
				style: 'offset',
				itemsKey: 'sessions',
				maxPageSize: V1_MAX_PAGE_SIZE,
				itemId: 'session_id',
			}
		: {
				method: 'GET',
				path: ['sessions'],
				qs,
				style: 'cursor',
				permission: 'ViewOrgSessions',
				itemId: 'session_id',
			};
}
