import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_LIMIT,
	WAIT_DEFAULT_POLL_INTERVAL_SECONDS,
	WAIT_DEFAULT_TIMEOUT_MINUTES,
} from '../constants';
import { SESSION_PHASES, type SessionPhase } from '../helpers/lifecycle';
import { formatOutput, type OutputKind, type OutputSettings } from '../helpers/mapping';
import type { WaitSettings } from '../helpers/sessions';
import { invalidField } from '../helpers/validation';

/** Return All + Limit, as n8n's Get Many operations have them. */
export function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The limit to stop at, or undefined for Return All. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = Number(this.getNodeParameter('limit', itemIndex, DEFAULT_LIMIT));
	if (!Number.isFinite(limit) || limit < 1) {
		throw invalidField(
			{ node: this.getNode(), itemIndex },
			'Limit',
			`must be 1 or more, got ${limit}`,
			'Enter a positive number, or turn on Return All.',
		);
	}
	return Math.floor(limit);
}

export const rawOutputOption: INodeProperties = {
	displayName: 'Raw Output',
	name: 'rawOutput',
	type: 'boolean',
	default: false,
	description:
		"Whether to return Devin's JSON exactly as the API sends it (snake_case fields, no derived phase) instead of camelCase fields",
};

/** The Options collection: Raw Output, after any options of the operation's own. */
export function outputOptions(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, rawOutputOption],
	};
}

/** Whether the node runs as an AI agent's tool (n8n names that variant `…Tool`). */
export function isToolMode(this: IExecuteFunctions): boolean {
	return this.getNode().type.endsWith('Tool');
}

export function readOutputSettings(this: IExecuteFunctions, itemIndex: number): OutputSettings {
	return {
		raw: this.getNodeParameter('options.rawOutput', itemIndex, false) as boolean,
		lean: isToolMode.call(this),
	};
}

/** An output item of the given kind, as the Options of item `itemIndex` ask for it. */
export function toOutput(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: OutputKind,
	data: IDataObject,
): IDataObject {
	return formatOutput(kind, data, readOutputSettings.call(this, itemIndex));
}

/** Output items, one per entry. */
export function toOutputs(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: OutputKind,
	list: IDataObject[],
): IDataObject[] {
	const settings = readOutputSettings.call(this, itemIndex);
	return list.map((data) => formatOutput(kind, data, settings));
}

const DEFAULT_STOP_ON: SessionPhase[] = ['finished', 'failed', 'waitingForUser', 'blocked'];

/** Stop On, Timeout and Poll Interval: the settings of every wait on a session. */
export const waitSettingsFields: INodeProperties[] = [
	{
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
	},
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
			'The first wait between status checks. It grows by half after each check, up to 12 times this value and at most 60 seconds.',
	},
];

export function readWaitSettings(this: IExecuteFunctions, itemIndex: number): WaitSettings {
	const context = { node: this.getNode(), itemIndex };
	const stopOn = this.getNodeParameter('stopOn', itemIndex, DEFAULT_STOP_ON) as SessionPhase[];
	if (!Array.isArray(stopOn) || stopOn.length === 0) {
		throw invalidField(
			context,
			'Stop On',
			'has no phase selected',
			'Pick at least one phase, for example Finished.',
		);
	}
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
	return { stopOn, timeoutMs: timeoutMinutes * 60_000, intervalMs: intervalSeconds * 1000 };
}

/** The Wait for Completion toggle and, when it is on, the wait settings. */
export function waitForCompletionFields(description: string): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description,
		},
		...waitSettingsFields.map((field) => ({
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
