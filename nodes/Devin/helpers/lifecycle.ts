import type { IDataObject } from 'n8n-workflow';

/**
 * Where a session stands, in the words a workflow cares about. Derived from v3 `status` ×
 * `status_detail` or v1 `status_enum` by the one table below; the trigger uses it too.
 */
export type SessionPhase =
	| 'working'
	| 'waitingForUser'
	| 'finished'
	| 'failed'
	| 'suspended'
	| 'blocked'
	| 'unknown';

export const SESSION_PHASES: Array<{ value: SessionPhase; name: string; description: string }> = [
	{
		value: 'working',
		name: 'Working',
		description: 'Starting up, resuming or working on the task',
	},
	{
		value: 'waitingForUser',
		name: 'Waiting for User',
		description: 'Devin asked a question or waits for an approval',
	},
	{ value: 'finished', name: 'Finished', description: 'Devin completed the task' },
	{ value: 'failed', name: 'Failed', description: 'The session ended with an error or expired' },
	{
		value: 'suspended',
		name: 'Suspended',
		description: 'Put to sleep for inactivity or by a user; a message resumes it',
	},
	{
		value: 'blocked',
		name: 'Blocked',
		description: 'Stopped by a usage limit, quota, credits or payment; needs an admin',
	},
];

/** v3 statuses whose phase does not depend on `status_detail`. */
const V3_STATUS_PHASE: Record<string, SessionPhase> = {
	new: 'working',
	claimed: 'working',
	creating: 'working',
	resuming: 'working',
	exit: 'finished',
	error: 'failed',
};

/** v3 `running` sessions, by `status_detail`. No detail (create/message responses) means working. */
const V3_RUNNING_PHASE: Record<string, SessionPhase> = {
	working: 'working',
	waiting_for_user: 'waitingForUser',
	waiting_for_approval: 'waitingForUser',
	finished: 'finished',
};

/** v3 `suspended` sessions, by `status_detail`. */
const V3_SUSPENDED_PHASE: Record<string, SessionPhase> = {
	inactivity: 'suspended',
	user_request: 'suspended',
	error: 'failed',
	usage_limit_exceeded: 'blocked',
	org_usage_limit_exceeded: 'blocked',
	total_session_limit_exceeded: 'blocked',
	out_of_credits: 'blocked',
	out_of_quota: 'blocked',
	no_quota_allocation: 'blocked',
	payment_declined: 'blocked',
};

/** A suspension reason Devin adds later is still a billing stop if it reads like one. */
const BILLING_REASON = /limit|quota|credit|payment|billing/;

/** v1 `status_enum`. v1 cannot tell "turn finished, VM up" from "blocked". */
const V1_STATUS_PHASE: Record<string, SessionPhase> = {
	working: 'working',
	resumed: 'working',
	resume_requested: 'working',
	resume_requested_frontend: 'working',
	running: 'working',
	blocked: 'waitingForUser',
	finished: 'finished',
	stopped: 'finished',
	expired: 'failed',
	suspend_requested: 'suspended',
	suspend_requested_frontend: 'suspended',
};

/** Statuses after which a session never changes again. */
const V3_ENDED_STATUSES = new Set(['exit', 'error']);
const V1_ENDED_STATUSES = new Set(['expired']);

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined;
}

/** Classifies a raw (snake_case) v3 or v1 session. */
export function classifySession(session: IDataObject): SessionPhase {
	const statusEnum = text(session.status_enum);
	if (statusEnum !== undefined) return V1_STATUS_PHASE[statusEnum] ?? 'unknown';

	const status = text(session.status);
	if (status === undefined) return 'unknown';
	const detail = text(session.status_detail);
	if (status === 'running')
		return detail === undefined ? 'working' : (V3_RUNNING_PHASE[detail] ?? 'working');
	if (status === 'suspended') {
		if (detail === undefined) return 'suspended';
		return V3_SUSPENDED_PHASE[detail] ?? (BILLING_REASON.test(detail) ? 'blocked' : 'suspended');
	}
	return V3_STATUS_PHASE[status] ?? 'unknown';
}

/** Whether the session can never change phase again (terminated, errored or expired). */
export function hasSessionEnded(session: IDataObject): boolean {
	const statusEnum = text(session.status_enum);
	if (statusEnum !== undefined) return V1_ENDED_STATUSES.has(statusEnum);
	const status = text(session.status);
	return status !== undefined && V3_ENDED_STATUSES.has(status);
}

/** v3 statuses a session rests in: it only leaves them when someone acts (a message) or never. */
const V3_RESTING_STATUSES = new Set(['suspended', 'exit', 'error']);
/** v1 cannot tell an idle session from a finished turn, so these count as resting too. */
const V1_RESTING_STATUSES = new Set([
	'finished',
	'expired',
	'blocked',
	'suspend_requested',
	'suspend_requested_frontend',
]);

/**
 * Whether the session is at rest. Devin puts idle sessions to sleep, so a session nobody has
 * touched for a while is always at rest; one that is not has been woken up since.
 */
export function isSessionResting(session: IDataObject): boolean {
	const statusEnum = text(session.status_enum);
	if (statusEnum !== undefined) return V1_RESTING_STATUSES.has(statusEnum);
	const status = text(session.status);
	return status !== undefined && V3_RESTING_STATUSES.has(status);
}

/** A Devin timestamp in Unix seconds: v3 sends integers, v1 and schedules ISO strings; 0 if neither. */
export function devinSeconds(value: unknown): number {
	if (typeof value === 'number') return Math.floor(value);
	if (typeof value === 'string') {
		const ms = Date.parse(value);
		if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
	}
	return 0;
}
