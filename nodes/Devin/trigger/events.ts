import type { SessionPhase } from '../helpers/lifecycle';

export type TriggerEvent =
	| 'sessionFinished'
	| 'sessionNeedsInput'
	| 'sessionFailed'
	| 'sessionBlocked'
	| 'sessionCreated'
	| 'sessionStatusChanged'
	| 'pullRequestOpened';

/** The events a user picks from (values are a contract: saved workflows store them). */
export const TRIGGER_EVENTS: Array<{ value: TriggerEvent; name: string; description: string }> = [
	{
		value: 'sessionBlocked',
		name: 'Session Blocked',
		description: 'A session stopped for a usage limit, quota, credits or payment',
	},
	{ value: 'sessionCreated', name: 'Session Created', description: 'A new session appeared' },
	{ value: 'sessionFailed', name: 'Session Failed', description: 'A session ended with an error' },
	{ value: 'sessionFinished', name: 'Session Finished', description: 'Devin completed a task' },
	{
		value: 'sessionNeedsInput',
		name: 'Session Needs Input',
		description: 'Devin asked a question or waits for an approval',
	},
	{
		value: 'sessionStatusChanged',
		name: 'Session Status Changed',
		description: "A session's phase changed (or a new session appeared)",
	},
	{
		value: 'pullRequestOpened',
		name: 'Pull Request Opened',
		description: 'A session opened a pull request (one event per pull request)',
	},
];

/** The event fired when a session enters a phase. */
export const PHASE_EVENTS: Partial<Record<SessionPhase, TriggerEvent>> = {
	finished: 'sessionFinished',
	waitingForUser: 'sessionNeedsInput',
	failed: 'sessionFailed',
	blocked: 'sessionBlocked',
};

/** The phases whose sessions best show an event in Fetch Test Event. */
export const EVENT_PHASES: Partial<Record<TriggerEvent, SessionPhase>> = {
	sessionFinished: 'finished',
	sessionNeedsInput: 'waitingForUser',
	sessionFailed: 'failed',
	sessionBlocked: 'blocked',
};
