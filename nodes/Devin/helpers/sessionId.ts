import { invalidField, type FieldContext } from './validation';

const SESSION_PREFIX = 'devin-';
/** A session page on app.devin.ai or a dedicated enterprise host. */
export const SESSION_URL_REGEX = 'https?://[^/\\s]+/sessions/([A-Za-z0-9_-]+)';
const SESSION_URL = new RegExp(SESSION_URL_REGEX);
const SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The `devin-…` ID Devin's paths need, from a locator value: an ID with or without the prefix,
 * or a session URL (whatever mode it was typed into).
 */
export function normalizeSessionId(context: FieldContext, field: string, value: unknown): string {
	const raw =
		value !== null && typeof value === 'object' && 'value' in value
			? (value as { value: unknown }).value
			: value;
	if (typeof raw !== 'string' || raw.trim() === '') {
		throw invalidField(
			context,
			field,
			'is empty',
			'Pick a session from the list, or enter its ID or URL.',
		);
	}
	const trimmed = raw.trim();
	const fromUrl = SESSION_URL.exec(trimmed)?.[1];
	const id = fromUrl ?? trimmed;
	if (!SESSION_ID.test(id)) {
		throw invalidField(
			context,
			field,
			`"${trimmed}" is not a Devin session ID or URL`,
			'Use the ID (devin-…) or the session URL, e.g. https://app.devin.ai/sessions/abc123.',
		);
	}
	return id.startsWith(SESSION_PREFIX) ? id : `${SESSION_PREFIX}${id}`;
}
