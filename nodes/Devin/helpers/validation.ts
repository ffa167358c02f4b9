import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

/** Where a value came from, so a bad one can be reported against its field and item. */
export interface FieldContext {
	node: INode;
	itemIndex: number;
}

/**
 * A FieldContext for hot paths: n8n copies the whole node on every `getNode()`, so the copy is
 * made only when an error needs it.
 */
export function lazyFieldContext(
	context: { getNode(): INode },
	itemIndex: number,
): FieldContext {
	let node: INode | undefined;
	return {
		itemIndex,
		get node() {
			node ??= context.getNode();
			return node;
		},
	};
}

/** A clear "this field is wrong, do this" error, raised before any request is sent. */
export function invalidField(
	context: FieldContext,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(context.node, `${field}: ${problem}`, {
		description: fix,
		itemIndex: context.itemIndex,
	});
}

export function requireText(context: FieldContext, field: string, value: unknown): string {
	const result = typeof value === 'number' ? String(value) : value;
	if (typeof result !== 'string' || result.trim() === '') {
		throw invalidField(context, field, 'is empty', `Enter a value for ${field}.`);
	}
	return result;
}

/** Text that may be left empty; numbers from expressions are accepted as text. */
export function optionalText(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/**
 * A list from a comma- or newline-separated string, an array, or a JSON array string
 * (what people, expressions and AI agents each tend to send). Empty entries are dropped.
 */
export function toStringList(
	context: FieldContext,
	field: string,
	value: unknown,
	options: { max?: number; unique?: boolean } = {},
): string[] {
	let entries: unknown[];
	if (value === undefined || value === null || value === '') entries = [];
	else if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string' && value.trim().startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(value);
			if (!Array.isArray(parsed)) throw new Error('not an array');
			entries = parsed;
		} catch {
			throw invalidField(
				context,
				field,
				'looks like a JSON array but does not parse',
				`Use a comma-separated list (a, b) or a valid JSON array (["a", "b"]).`,
			);
		}
	} else if (typeof value === 'string') entries = value.split(/[,\n]/);
	else if (typeof value === 'number') entries = [value];
	else {
		throw invalidField(
			context,
			field,
			`must be a list, got ${typeof value}`,
			'Use a comma-separated list.',
		);
	}

	const list: string[] = [];
	for (const entry of entries) {
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			throw invalidField(
				context,
				field,
				'contains a value that is not text',
				'Use text values only.',
			);
		}
		const item = String(entry).trim();
		if (item === '') continue;
		if (options.unique && list.includes(item)) continue;
		list.push(item);
	}
	if (options.max !== undefined && list.length > options.max) {
		throw invalidField(
			context,
			field,
			`has ${list.length} entries; Devin accepts at most ${options.max}`,
			`Remove ${list.length - options.max} of them.`,
		);
	}
	return list;
}

/** A JSON object given as an object or as JSON text, optionally bounded in size. */
export function toJsonObject(
	context: FieldContext,
	field: string,
	value: unknown,
	options: { maxBytes?: number } = {},
): IDataObject | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			const position = /position (\d+)/.exec((error as Error).message)?.[1];
			const where = position === undefined ? '' : ` near character ${Number(position) + 1}`;
			throw invalidField(
				context,
				field,
				`is not valid JSON${where}`,
				'Fix the JSON, for example {"type": "object", "properties": {}}.',
			);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw invalidField(context, field, 'must be a JSON object', 'Wrap the value in { }.');
	}
	if (options.maxBytes !== undefined) {
		const size = new TextEncoder().encode(JSON.stringify(parsed)).length;
		if (size > options.maxBytes) {
			throw invalidField(
				context,
				field,
				`is ${size} bytes; Devin accepts at most ${options.maxBytes}`,
				'Shorten it, for example by removing descriptions or examples.',
			);
		}
	}
	return parsed as IDataObject;
}

/**
 * An ID Devin hands out: letters, digits and - _ . : | @ + =. Anything else (a space, a slash, a
 * comma, a URL) is a typo or a pasted list, which Devin would answer with an empty result or a
 * misleading error.
 */
const ID = /^[A-Za-z0-9_.:|@+=-]{1,256}$/;

export function toId(
	context: FieldContext,
	field: string,
	value: unknown,
	options: { prefix?: string; example: string; inList?: boolean },
): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	if (!ID.test(text) || (options.prefix !== undefined && !text.startsWith(options.prefix))) {
		const shape = options.prefix ? `an ID starting with ${options.prefix}` : 'an ID';
		const several = options.inList ? ' Separate several IDs with commas.' : '';
		throw invalidField(
			context,
			field,
			`${JSON.stringify(text)} is not ${shape}`,
			`Enter the ID as Devin shows it, e.g. ${options.example}, without spaces, slashes, # or ?.${several}`,
		);
	}
	return text;
}

/** The longest URL Devin takes (its schema's limit for attachment URLs). */
const MAX_URL_LENGTH = 2083;

export function toHttpUrl(
	context: FieldContext,
	field: string,
	value: unknown,
): string | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !['http:', 'https:'].includes(url.protocol) || text.length > MAX_URL_LENGTH) {
		throw invalidField(
			context,
			field,
			`${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)} is not an http(s) URL of at most ${MAX_URL_LENGTH} characters`,
			'Use full URLs such as https://api.devin.ai/v3/organizations/org-…/attachments/…/report.md, separated by commas.',
		);
	}
	return text;
}

/** true/false, also as the text an expression may produce; anything else is refused. */
export function toFlag(context: FieldContext, field: string, value: unknown): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw invalidField(
		context,
		field,
		`must be true or false, got ${JSON.stringify(value)}`,
		'Switch the field on or off, or make the expression return true or false.',
	);
}

/** One of `allowed`, as an options field's value (expressions can produce anything). */
export function toChoice<T extends string>(
	context: FieldContext,
	field: string,
	value: unknown,
	allowed: readonly T[],
): T | undefined {
	const text = optionalText(value);
	if (text === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(text)) {
		throw invalidField(
			context,
			field,
			`${JSON.stringify(text)} is not one of ${allowed.join(', ')}`,
			`Use one of: ${allowed.join(', ')}.`,
		);
	}
	return text as T;
}

/** A whole number from `min` up to the largest integer JSON carries exactly. */
export function toWholeNumber(
	context: FieldContext,
	field: string,
	value: unknown,
	min = 1,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min) {
		throw invalidField(
			context,
			field,
			`must be a whole number of ${min === 0 ? '0 or more' : `at least ${min}`}, got ${JSON.stringify(value)}`,
			`Enter a whole number from ${min} to ${Number.MAX_SAFE_INTEGER}.`,
		);
	}
	return number;
}

export function toPositiveNumber(
	context: FieldContext,
	field: string,
	value: unknown,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'string' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) {
		throw invalidField(
			context,
			field,
			`must be a number above 0, got ${String(value)}`,
			`Enter a positive number.`,
		);
	}
	return number;
}

/** Offset in minutes of `timeZone` from UTC at the given instant. */
function timeZoneOffsetMinutes(timeZone: string, epochMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(epochMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A moment as Unix seconds, from what n8n hands over: a date-time field's value (wall time in the
 * workflow's time zone), an ISO string with an offset, a Unix timestamp in seconds or
 * milliseconds, or a Luxon/JS date from an expression.
 */
export function toUnixSeconds(
	context: FieldContext,
	field: string,
	value: unknown,
	timeZone: string,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const fail = () =>
		invalidField(
			context,
			field,
			`is not a date: ${JSON.stringify(value)}`,
			'Pick a date, or use an ISO date such as 2026-01-31T12:00:00Z or Unix seconds.',
		);

	if (
		typeof value === 'number' ||
		(typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))
	) {
		const number = Number(value);
		// Above 10^11 it can only be milliseconds (10^11 seconds is the year 5138).
		return Math.floor(number > 1e11 ? number / 1000 : number);
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw fail();
		return Math.floor(value.getTime() / 1000);
	}
	if (
		typeof value === 'object' &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		return Math.floor((value as { toMillis: () => number }).toMillis() / 1000);
	}
	if (typeof value !== 'string') throw fail();

	const trimmed = value.trim();
	if (HAS_ZONE.test(trimmed)) {
		const ms = Date.parse(trimmed);
		if (Number.isNaN(ms)) throw fail();
		return Math.floor(ms / 1000);
	}
	// Wall-clock time without an offset: read it in the workflow's time zone, as n8n's date picker means it.
	const asUtc = Date.parse(/T/.test(trimmed) ? `${trimmed}Z` : `${trimmed}T00:00:00Z`);
	if (Number.isNaN(asUtc)) throw fail();
	let offset = timeZoneOffsetMinutes(timeZone, asUtc);
	// Around a DST change the offset at the guessed instant can differ from the one at the result.
	offset = timeZoneOffsetMinutes(timeZone, asUtc - offset * 60_000);
	return Math.floor((asUtc - offset * 60_000) / 1000);
}
