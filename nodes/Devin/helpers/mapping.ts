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

const DAY_SECONDS = 86_400;
/** `YYYY-MM-DDT` by day number: the timestamps of one answer fall on few days, and Date is slow. */
const dayPrefixes = new Map<number, string>();
const DAY_PREFIX_CACHE_SIZE = 4_000;
const two = (value: number) => String(value).padStart(2, '0');
/** `HH:MM` by minute of the day and `:SS.000Z` by second: a timestamp is then three shared pieces. */
const minutes = Array.from(
	{ length: 1_440 },
	(_, minute) => `${two(Math.floor(minute / 60))}:${two(minute % 60)}`,
);
const seconds = Array.from({ length: 60 }, (_, second) => `:${two(second)}.000Z`);

/** Unix seconds (or, from their size, milliseconds) as ISO 8601; anything else as it is. */
export function toIsoTimestamp(value: unknown): unknown {
	if (typeof value !== 'number' || !Number.isFinite(value)) return value;
	const ms = Math.abs(value) >= 1e11 ? value : value * 1000;
	if (ms % 1000 !== 0 || ms < 0 || ms > 8.64e15) {
		const date = new Date(ms);
		return Number.isNaN(date.getTime()) ? value : date.toISOString();
	}
	const time = ms / 1000;
	const day = Math.floor(time / DAY_SECONDS);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 11);
		if (dayPrefixes.size < DAY_PREFIX_CACHE_SIZE) dayPrefixes.set(day, prefix);
	}
	const second = time - day * DAY_SECONDS;
	return prefix + minutes[Math.floor(second / 60)] + seconds[second % 60];
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

/** What an output object leaves out (for an AI agent) and the fields the node adds to it. */
interface Profile {
	omitted?: readonly string[];
	derived: ReadonlyArray<{ name: string; derive: (data: IDataObject) => IDataObject[string] }>;
}
const PLAIN: Profile = { derived: [] };

/**
 * An output object of a known key sequence starts as a copy of a template with all its keys:
 * objects built key by key from computed names fall into V8's slow dictionary mode, and a key
 * added to a copy gives each object a hidden class of its own; either is several times larger.
 */
interface Shape {
	next: Map<string, Shape>;
	template?: IDataObject;
}
const shapes = new Map<Profile, Shape>();
let shapeCount = 0;
const SHAPE_CACHE_SIZE = 5_000;

const hasOwn = Object.prototype.hasOwnProperty;
/** An own key of the record that the profile does not leave out. */
const kept = (record: IDataObject, key: string, profile: Profile) =>
	hasOwn.call(record, key) && !profile.omitted?.includes(key);

function templateFor(record: IDataObject, profile: Profile): IDataObject | undefined {
	let shape: Shape | undefined = shapes.get(profile);
	if (shape === undefined) {
		shape = { next: new Map() };
		shapes.set(profile, shape);
	}
	// `for…in` walks a JSON object's keys without copying them into an array.
	for (const key in record) {
		if (!kept(record, key, profile)) continue;
		let next: Shape | undefined = shape.next.get(key);
		if (next === undefined) {
			if (shapeCount >= SHAPE_CACHE_SIZE) return undefined;
			next = { next: new Map() };
			shape.next.set(key, next);
			shapeCount++;
		}
		shape = next;
	}
	shape.template ??= Object.fromEntries([
		...Object.keys(record)
			.filter((key) => kept(record, key, profile))
			.map((key) => [ruleFor(key).name, null]),
		...profile.derived.map(({ name }) => [name, null]),
	]);
	return shape.template;
}

function valueFor(rule: KeyRule, entry: unknown): IDataObject[string] {
	const value =
		rule.value === 'convert'
			? convert(entry)
			: rule.value === 'timestamp'
				? toIsoTimestamp(entry)
				: entry;
	return value as IDataObject[string];
}

function convertObject(record: IDataObject, profile: Profile = PLAIN): IDataObject {
	const template = templateFor(record, profile);
	const result: IDataObject = template === undefined ? {} : { ...template };
	for (const key in record) {
		if (!kept(record, key, profile)) continue;
		const rule = ruleFor(key);
		result[rule.name] = valueFor(rule, record[key]);
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

/** Fields the node adds to what Devin sent, by output kind. */
const DERIVED_FIELDS: Partial<
	Record<OutputKind, Record<string, (data: IDataObject) => IDataObject[string]>>
> = {
	session: { phase: classifySession },
	insight: { phase: classifySession },
};

const profiles = { full: new Map<OutputKind, Profile>(), lean: new Map<OutputKind, Profile>() };

function profileFor(kind: OutputKind, lean: boolean): Profile {
	const known = lean ? profiles.lean : profiles.full;
	let profile = known.get(kind);
	if (profile === undefined) {
		profile = {
			omitted: lean ? TOOL_MODE_OMIT[kind] : undefined,
			derived: Object.entries(DERIVED_FIELDS[kind] ?? {}).map(([name, derive]) => ({
				name,
				derive,
			})),
		};
		known.set(kind, profile);
	}
	return profile;
}

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
	const profile = profileFor(kind, settings.lean);
	const result = convertObject(data, profile);
	for (const { name, derive } of profile.derived) result[name] = derive(data);
	return result;
}
