import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { WAIT_DEFAULT_POLL_INTERVAL_SECONDS, WAIT_DEFAULT_TIMEOUT_MINUTES } from '../constants';
import { SESSION_PHASES, type SessionPhase } from '../helpers/lifecycle';
import type { WaitSettings } from '../helpers/sessions';
import { invalidField, toChoice, toStringList } from '../helpers/validation';
import { readSwitch } from './common';

const DEFAULT_STOP_ON: SessionPhase[] = ['finished', 'failed', 'waitingForUser', 'blocked'];

/** Every phase but working can end a wait. */
const STOP_PHASES = SESSION_PHASES.map((phase) => phase.value).filter(
	(phase) => phase !== 'working',
);

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
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: WAIT_DEFAULT_TIMEOUT_MINUTES,
		description:
			'How long to wait before giving up with an error naming the last phase; the session keeps running in Devin',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
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

/**
 * A duration above 0, also as the text an expression may give; empty: the default. The editor
 * takes whole numbers, an expression may give a fraction (0.5 minutes); absurd sizes are refused.
 */
function readPositive(
	this: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	fallback: number,
): number {
	const value = this.getNodeParameter(name, itemIndex, fallback);
	if (value === undefined || value === null || value === '') return fallback;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !(number > 0) || number > Number.MAX_SAFE_INTEGER) {
		throw invalidField(
			{ node: this.getNode(), itemIndex },
			label,
			`must be a number above 0, got ${JSON.stringify(value)}`,
			'Enter a number above 0, for example the default.',
		);
	}
	return number;
}

export function readWaitTiming(this: IExecuteFunctions, itemIndex: number): WaitTiming {
	const timeoutMinutes = readPositive.call(
		this,
		itemIndex,
		'timeoutMinutes',
		'Timeout (Minutes)',
		WAIT_DEFAULT_TIMEOUT_MINUTES,
	);
	const intervalSeconds = readPositive.call(
		this,
		itemIndex,
		'pollIntervalSeconds',
		'Poll Interval (Seconds)',
		WAIT_DEFAULT_POLL_INTERVAL_SECONDS,
	);
	return { timeoutMs: timeoutMinutes * 60_000, intervalMs: intervalSeconds * 1000 };
}

export function readWaitSettings(this: IExecuteFunctions, itemIndex: number): WaitSettings {
	const context = { node: this.getNode(), itemIndex };
	const value = this.getNodeParameter('stopOn', itemIndex, DEFAULT_STOP_ON);
	const stopOn = toStringList(context, 'Stop On', value).map((phase) =>
		toChoice(context, 'Stop On', phase, STOP_PHASES),
	) as SessionPhase[];
	if (stopOn.length === 0) {
		throw invalidField(
			context,
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
			builderHint: {
				propertyHint:
					'true when a later node needs the result (pullRequests, structuredOutput, phase) in the same run; the wait is bounded by Timeout (Minutes). For work longer than about an hour, leave it false and use the Devin Trigger instead.',
			},
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
	const wait = readSwitch.call(this, 'waitForCompletion', itemIndex, 'Wait for Completion');
	return wait ? readWaitSettings.call(this, itemIndex) : undefined;
}
