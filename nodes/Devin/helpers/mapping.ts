import type { IDataObject } from 'n8n-workflow';

import { classifySession } from './lifecycle';

/**
 * Fields whose values are the user's own data (structured output and the schemas that shape it).
 * Their key is renamed like any other, their contents are passed through untouched.
 */
const USER_DATA_FIELDS = new Set(['structured_output', 'structured_output_schema']);

export function snakeToCamel(key: string): string {
	return key.replace(/_+([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** Deeply renames Devin's snake_case keys to camelCase, leaving values and user data as they are. */
export function toCamelCase<T = unknown>(value: unknown): T {
	if (Array.isArray(value)) return value.map((entry) => toCamelCase(entry)) as T;
	if (value === null || typeof value !== 'object') return value as T;
	const result: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		result[snakeToCamel(key)] = USER_DATA_FIELDS.has(key) ? entry : toCamelCase(entry);
	}
	return result as T;
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
	| 'consumption'
	| 'repository'
	| 'acuLimit';

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

/** Schedules answer ISO strings where every other resource answers Unix seconds; outputs use seconds throughout. */
function unixSecondsFromText(record: IDataObject): IDataObject {
	const result: IDataObject = { ...record };
	for (const [key, value] of Object.entries(record)) {
		if (!key.endsWith('_at') || typeof value !== 'string') continue;
		const ms = Date.parse(value);
		if (!Number.isNaN(ms)) result[key] = Math.floor(ms / 1000);
	}
	return result;
}

export interface OutputSettings {
	/** Devin's JSON exactly as sent. */
	raw: boolean;
	/** Running as an AI agent's tool: keep the output small. */
	lean: boolean;
}

/** The one way every output item is made: camelCase, derived fields, lean for agents, or raw. */
export function formatOutput(
	kind: OutputKind,
	data: IDataObject,
	settings: OutputSettings,
): IDataObject {
	if (settings.raw) return data;
	let source = kind === 'schedule' ? unixSecondsFromText(data) : data;
	const omitted = settings.lean ? TOOL_MODE_OMIT[kind] : undefined;
	if (omitted)
		source = Object.fromEntries(Object.entries(source).filter(([key]) => !omitted.includes(key)));
	const result = toCamelCase<IDataObject>(source);
	if (kind === 'session' || kind === 'insight') result.phase = classifySession(data);
	return result;
}
