import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { WAIT_DEFAULT_POLL_INTERVAL_SECONDS, WAIT_DEFAULT_TIMEOUT_MINUTES } from '../constants';
import { SESSION_PHASES, type SessionPhase } from '../helpers/lifecycle';
import type { WaitSettings } from '../helpers/sessions';
import { invalidField } from '../helpers/validation';

const DEFAULT_STOP_ON: SessionPhase[] = ['finished', 'failed', 'waitingForUser', 'blocked'];

export const stopOnField: INodeProperties = {
	displayName: 'Stop On',
	name: 'stopOn',
	type: 'multiOptions',
	options: SESSION_PHASES.filter((phase) => phase.value !== 'working').map((phase) => ({
		name: phase.name,
		value: phase.value,
		description: phase.description,
	})),
	default: ['finished', 'failed', 'waitingForUser', 'blocked'],
	description: 'The session phases that end the wait; the node then outputs the session',
};

/** Timeout and Poll Interval: how long and how often every wait checks. */
export const waitTimingFields: INodeProperties[] = [
	{
		displayName: 'Timeout (Minutes)',
		name: 'timeoutMinutes',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 2 },
		default: WAIT_DEFAULT_TIMEOUT_MINUTES,
		description:
			'How long to wait before giving up with an error naming the last phase; the session keeps running in Devin',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 2 },
		default: WAIT_DEFAULT_POLL_INTERVAL_SECONDS,
		description:
			'The wait before the second status check (the first is made at once). It doubles after each check, up to 24 times this value and at most 2 minutes, less up to a tenth at random so parallel waits spread out. With 5: checks at about 0, 5, 15, 35, 75 and 155 s, then every 2 minutes.',
	},
];

/** Stop On, Timeout and Poll Interval: the settings of every wait on a session. */
export const waitSettingsFields: INodeProperties[] = [stopOnField, ...waitTimingFields];

export interface WaitTiming {
	timeoutMs: number;
	intervalMs: number;
}

export function readWaitTiming(this: IExecuteFunctions, itemIndex: number): WaitTiming {
	const context = { node: this.getNode(), itemIndex };
	const timeoutMinutes = Number(
		this.getNodeParameter('timeoutMinutes', itemIndex, WAIT_DEFAULT_TIMEOUT_MINUTES),
	);
	if (!Number.isFinite(timeoutMinutes) || timeoutMinutes <= 0) {
		throw invalidField(
			context,
			'Timeout (Minutes)',
			`must be above 0, got ${timeoutMinutes}`,
			'Enter how many minutes to wait.',
		);
	}
	const intervalSeconds = Number(
		this.getNodeParameter('pollIntervalSeconds', itemIndex, WAIT_DEFAULT_POLL_INTERVAL_SECONDS),
	);
	if (!Number.isFinite(intervalSeconds) || intervalSeconds <= 0) {
		throw invalidField(
			context,
			'Poll Interval (Seconds)',
			`must be above 0, got ${intervalSeconds}`,
			'Enter a number of seconds.',
		);
	}
	return { timeoutMs: timeoutMinutes * 60_000, intervalMs: intervalSeconds * 1000 };
}

export function readWaitSettings(this: IExecuteFunctions, itemIndex: number): WaitSettings {
	const stopOn = this.getNodeParameter('stopOn', itemIndex, DEFAULT_STOP_ON) as SessionPhase[];
	if (!Array.isArray(stopOn) || stopOn.length === 0) {
		throw invalidField(
			{ node: this.getNode(), itemIndex },
			'Stop On',
			'has no phase selected',
			'Pick at least one phase, for example Finished.',
		);
	}
	return { stopOn, ...readWaitTiming.call(this, itemIndex) };
}

/** The Wait for Completion toggle and, when it is on, the wait settings. */
export function waitForCompletionFields(
	description: string,
	settings: INodeProperties[] = waitSettingsFields,
): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description,
		},
		...settings.map((field) => ({
			...field,
			displayOptions: { show: { waitForCompletion: [true] } },
		})),
	];
}

/** The wait settings when Wait for Completion is on, or undefined. */
export function readOptionalWait(
	this: IExecuteFunctions,
	itemIndex: number,
): WaitSettings | undefined {
	const wait = this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
	return wait ? readWaitSettings.call(this, itemIndex) : undefined;
}
