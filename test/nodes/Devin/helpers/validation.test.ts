import type { INode } from 'n8n-workflow';

import { normalizeSessionId } from '../../../../nodes/Devin/helpers/sessionId';
import {
	toJsonObject,
	toPositiveNumber,
	toStringList,
	toUnixSeconds,
	type FieldContext,
} from '../../../../nodes/Devin/helpers/validation';

const context: FieldContext = { node: { name: 'Devin' } as INode, itemIndex: 2 };

function failure(run: () => unknown) {
	try {
		run();
	} catch (error) {
		return error as { message: string; description: string; context: { itemIndex?: number } };
	}
	throw new Error('expected a validation error');
}

describe('toStringList', () => {
	it('reads comma- or newline-separated text, arrays and JSON arrays', () => {
		expect(toStringList(context, 'Tags', 'a, b,\nc,,')).toEqual(['a', 'b', 'c']);
		expect(toStringList(context, 'Tags', ['a', ' b '])).toEqual(['a', 'b']);
		expect(toStringList(context, 'Tags', '["x", "y"]')).toEqual(['x', 'y']);
		expect(toStringList(context, 'Tags', '')).toEqual([]);
		expect(toStringList(context, 'Tags', 'a,a,b', { unique: true })).toEqual(['a', 'b']);
	});

	it('names the field, the count and the fix when there are too many', () => {
		const tags = Array.from({ length: 51 }, (_, index) => `t${index}`).join(',');
		const error = failure(() => toStringList(context, 'Tags', tags, { max: 50 }));
		expect(error.message).toBe('Tags: has 51 entries; Devin accepts at most 50');
		expect(error.description).toBe('Remove 1 of them.');
		expect(error.context.itemIndex).toBe(2);
	});

	it('rejects a broken JSON array instead of splitting it on commas', () => {
		expect(failure(() => toStringList(context, 'Repositories', '["a", ')).message).toMatch(
			/^Repositories: /,
		);
	});
});

describe('toJsonObject', () => {
	it('accepts an object or JSON text', () => {
		expect(toJsonObject(context, 'Schema', { type: 'object' })).toEqual({ type: 'object' });
		expect(toJsonObject(context, 'Schema', '{"type":"object"}')).toEqual({ type: 'object' });
		expect(toJsonObject(context, 'Schema', '')).toBeUndefined();
	});

	it('rejects invalid JSON, non-objects and oversized values', () => {
		expect(failure(() => toJsonObject(context, 'Schema', '{oops')).message).toMatch(
			/^Schema: is not valid JSON/,
		);
		expect(failure(() => toJsonObject(context, 'Schema', '[1]')).message).toBe(
			'Schema: must be a JSON object',
		);
		const big = { description: 'x'.repeat(70_000) };
		expect(
			failure(() => toJsonObject(context, 'Schema', big, { maxBytes: 65_536 })).message,
		).toMatch(/Devin accepts at most 65536/);
	});
});

describe('toPositiveNumber', () => {
	it('accepts positive numbers and numeric text, rejects zero and negatives', () => {
		expect(toPositiveNumber(context, 'Max ACU Limit', 5)).toBe(5);
		expect(toPositiveNumber(context, 'Max ACU Limit', '7')).toBe(7);
		expect(toPositiveNumber(context, 'Max ACU Limit', undefined)).toBeUndefined();
		expect(failure(() => toPositiveNumber(context, 'Max ACU Limit', 0)).message).toMatch(
			/must be a number above 0/,
		);
		expect(failure(() => toPositiveNumber(context, 'Max ACU Limit', -3)).message).toMatch(
			/^Max ACU Limit/,
		);
	});
});

describe('toUnixSeconds', () => {
	it('reads ISO strings with an offset, Unix seconds and milliseconds', () => {
		expect(toUnixSeconds(context, 'Created After', '2026-01-31T12:00:00Z', 'UTC')).toBe(1769860800);
		expect(toUnixSeconds(context, 'Created After', '2026-01-31T13:00:00+01:00', 'UTC')).toBe(
			1769860800,
		);
		expect(toUnixSeconds(context, 'Created After', 1769860800, 'UTC')).toBe(1769860800);
		expect(toUnixSeconds(context, 'Created After', 1769860800123, 'UTC')).toBe(1769860800);
		expect(toUnixSeconds(context, 'Created After', '1769860800', 'UTC')).toBe(1769860800);
	});

	it("reads a date picker's wall time in the workflow's time zone", () => {
		// 12:00 in New York in January is 17:00 UTC; in July (daylight saving) 16:00 UTC.
		expect(toUnixSeconds(context, 'Created After', '2026-01-31T12:00:00', 'America/New_York')).toBe(
			1769878800,
		);
		expect(toUnixSeconds(context, 'Created After', '2026-07-01T12:00:00', 'America/New_York')).toBe(
			1782921600,
		);
		expect(toUnixSeconds(context, 'Created After', '2026-01-31', 'UTC')).toBe(1769817600);
	});

	it('reads Luxon and JS dates from expressions', () => {
		expect(toUnixSeconds(context, 'Created After', { toMillis: () => 1769860800000 }, 'UTC')).toBe(
			1769860800,
		);
		expect(toUnixSeconds(context, 'Created After', new Date(1769860800000), 'UTC')).toBe(
			1769860800,
		);
	});

	it('rejects text that is not a date, naming the field', () => {
		expect(
			failure(() => toUnixSeconds(context, 'Updated Before', 'next tuesday', 'UTC')).message,
		).toBe('Updated Before: is not a date: "next tuesday"');
	});
});

describe('normalizeSessionId', () => {
	it('accepts IDs with or without the devin- prefix, URLs and locator values', () => {
		expect(normalizeSessionId(context, 'Session', 'devin-3f2a9c')).toBe('devin-3f2a9c');
		expect(normalizeSessionId(context, 'Session', '3f2a9c')).toBe('devin-3f2a9c');
		expect(normalizeSessionId(context, 'Session', ' https://app.devin.ai/sessions/3f2a9c ')).toBe(
			'devin-3f2a9c',
		);
		expect(
			normalizeSessionId(
				context,
				'Session',
				'https://app.acme.devinenterprise.com/sessions/devin-9b?tab=x',
			),
		).toBe('devin-9b');
		expect(normalizeSessionId(context, 'Session', { __rl: true, mode: 'id', value: 'abc' })).toBe(
			'devin-abc',
		);
	});

	it('rejects anything that could escape the URL path', () => {
		expect(failure(() => normalizeSessionId(context, 'Session', '../../self')).message).toMatch(
			/^Session: "..\/..\/self" is not a Devin session ID or URL/,
		);
		expect(failure(() => normalizeSessionId(context, 'Session', '')).message).toBe(
			'Session: is empty',
		);
	});
});
