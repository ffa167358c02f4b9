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

/** A session as the node outputs it: camelCase plus the derived `phase`, or Devin's JSON untouched. */
export function formatSession(session: IDataObject, raw: boolean): IDataObject {
	if (raw) return session;
	return { ...toCamelCase<IDataObject>(session), phase: classifySession(session) };
}
