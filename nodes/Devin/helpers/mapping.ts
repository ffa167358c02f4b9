import type { IDataObject } from 'n8n-workflow';

import { classifySession } from './lifecycle';

/**
 * Fields whose values are the user's own data (structured output and the schemas that shape it).
 * Their key is renamed like any other, their contents are passed through untouched.
 */
const USER_DATA_FIELDS = new Set(['structured_output', 'structured_output_schema']);

/** Devin answers Unix seconds here (ISO strings on schedules and v1); outputs give ISO 8601. */
const TIMESTAMP_FIELD = /(_at|^timestamp|^date)$/;

export function snakeToCamel(key: string): string {
	if (!key.includes('_')) return key;
	return key.replace(/_+([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** Unix seconds (or, from their size, milliseconds) as ISO 8601; anything else as it is. */
export function toIsoTimestamp(value: unknown): unknown {
	if (typeof value !== 'number' || !Number.isFinite(value)) return value;
	const date = new Date(Math.abs(value) >= 1e11 ? value : value * 1000);
	return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** What a key becomes and how its value is treated. */
interface KeyRule {
	name: string;
	value: 'convert' | 'timestamp' | 'asIs';
}

/** Key names repeat across items, so each is looked at once (the bound keeps odd data from growing it). */
const keyRules = new Map<string, KeyRule>();
const KEY_RULE_CACHE_SIZE = 2_000;

function ruleFor(key: string): KeyRule {
	let rule = keyRules.get(key);
	if (rule === undefined) {
		rule = {
			name: snakeToCamel(key),
			value: USER_DATA_FIELDS.has(key)
				? 'asIs'
				: TIMESTAMP_FIELD.test(key)
					? 'timestamp'
					: 'convert',
		};
		if (keyRules.size < KEY_RULE_CACHE_SIZE) keyRules.set(key, rule);
	}
	return rule;
}

function convertObject(record: IDataObject, omitted?: string[]): IDataObject {
	const result: IDataObject = {};
	for (const key of Object.keys(record)) {
		if (omitted?.includes(key)) continue;
		const rule = ruleFor(key);
		const entry = record[key];
		result[rule.name] = (
			rule.value === 'convert'
				? convert(entry)
				: rule.value === 'timestamp'
					? toIsoTimestamp(entry)
					: entry
		) as IDataObject[string];
	}
	return result;
}

/** Arrays and values that hold no object are passed on as they are: only what changes is copied. */
function convert(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (!Array.isArray(value)) return convertObject(value as IDataObject);
	let copy: unknown[] | undefined;
	for (let index = 0; index < value.length; index++) {
		const converted = convert(value[index]);
		if (converted !== value[index]) {
			copy ??= value.slice();
			copy[index] = converted;
		}
	}
	return copy ?? value;
}

/**
 * Deeply renames Devin's snake_case keys to camelCase and gives timestamps as ISO 8601 strings,
 * leaving other values and user data as they are.
 */
export function toCamelCase<T = unknown>(value: unknown): T {
	return convert(value) as T;
}

/** What an output item is; it decides the derived fields and what an AI agent is spared. */
export type OutputKind =
	| 'session'
	| 'insight'
	| 'message'
	| 'attachment'
	| 'tags'
	| 'knowledgeNote'
	| 'playbook'
	| 'secret'
	| 'schedule'
	| 'account'
	| 'auditLog'
	| 'consumption';

/** Bookkeeping fields an AI agent rarely needs; left out in tool mode unless Raw Output is on. */
const SESSION_BOOKKEEPING = [
	'org_id',
	'parent_session_id',
	'child_session_ids',
	'category',
	'subcategory',
	'service_user_id',
	'user_id',
	'is_advanced',
];
const TOOL_MODE_OMIT: Partial<Record<OutputKind, string[]>> = {
	session: [...SESSION_BOOKKEEPING, 'snapshot_id', 'messages'],
	insight: SESSION_BOOKKEEPING,
	knowledgeNote: ['access_type', 'org_id', 'macro'],
	playbook: ['access_type', 'org_id', 'created_by', 'updated_by'],
	secret: ['access_type', 'created_by', 'updated_by'],
	schedule: ['created_by', 'consecutive_failures', 'slack_channel_id', 'slack_team_id'],
	auditLog: ['data'],
};

export interface OutputSettings {
	/** Devin's JSON exactly as sent. */
	raw: boolean;
	/** Running as an AI agent's tool: keep the output small. */
	lean: boolean;
}

/** The one way every output item is made: camelCase, ISO timestamps, derived fields, lean for agents, or raw. */
export function formatOutput(
	kind: OutputKind,
	data: IDataObject,
	settings: OutputSettings,
): IDataObject {
	if (settings.raw) return data;
	if (data === null || typeof data !== 'object' || Array.isArray(data))
		return convert(data) as IDataObject;
	const result = convertObject(data, settings.lean ? TOOL_MODE_OMIT[kind] : undefined);
	if (kind === 'session' || kind === 'insight') result.phase = classifySession(data);
	return result;
}
