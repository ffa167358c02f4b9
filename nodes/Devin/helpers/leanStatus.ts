import type { IDataObject } from 'n8n-workflow';

import { classifySession, type SessionPhase } from './lifecycle';

/**
 * Where a session stands, as one sentence an AI agent can act on. Keyed by phase, refined by
 * Devin's `status_detail` or `status` (v1: `status_enum`) where that tells the agent more.
 */
const STATUS_SENTENCES: Record<string, string> = {
	working: 'Devin is working on the task',
	'working:new': 'Devin is starting up',
	'working:claimed': 'Devin is starting up',
	'working:creating': 'Devin is starting up',
	'working:resuming': 'Devin is resuming work',
	waitingForUser: 'Devin is waiting for a reply; send it a message to continue',
	'waitingForUser:waiting_for_approval':
		'Devin is waiting for approval; send it a message to continue',
	finished: 'Devin finished the task; the session stays open for follow-up messages',
	'finished:exit': 'The session has ended',
	failed: 'The session ended with an error and cannot continue',
	suspended: 'The session is asleep; a message wakes it up',
	'suspended:user_request': 'The session was paused by a user; a message wakes it up',
	blocked: 'The session stopped for a usage limit, credits or payment; it needs an admin',
};

function word(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined;
}

/** The status sentence for a session in `phase`, from its raw (snake_case) fields. */
export function describeStatus(phase: SessionPhase, session: IDataObject): string | undefined {
	const detail = word(session.status_detail) ?? word(session.status_enum);
	const status = word(session.status);
	if (phase === 'unknown') return status ? `Devin reports the status "${status}"` : undefined;
	if (phase === 'blocked' && detail)
		return `The session stopped (${detail.replace(/_/g, ' ')}); it needs an admin`;
	return (
		STATUS_SENTENCES[`${phase}:${detail}`] ??
		STATUS_SENTENCES[`${phase}:${status}`] ??
		STATUS_SENTENCES[phase]
	);
}

/**
 * A lean session for an AI agent: `phase` and one `status` sentence instead of Devin's `status`,
 * `statusDetail` and `statusEnum`, which can read as if they disagreed; empty (null) fields left out.
 */
export function withOneStatus(output: IDataObject, session: IDataObject): IDataObject {
	const phase = (output.phase as SessionPhase | undefined) ?? classifySession(session);
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(output)) {
		if (value === null || key === 'statusDetail' || key === 'statusEnum') continue;
		result[key] = value;
	}
	const status = describeStatus(phase, session);
	if (status === undefined) delete result.status;
	else result.status = status;
	return result;
}
