'use strict';

const { validation } = require('./http');

const MAX_PAGE = 200;
const DEFAULT_PAGE = 100;

function encodeCursor(key) {
	return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(text) {
	try {
		const key = JSON.parse(Buffer.from(String(text), 'base64url').toString('utf8'));
		if (!Array.isArray(key)) throw new Error('not a cursor');
		return key;
	} catch {
		throw validation([
			{
				type: 'value_error',
				loc: ['query', 'after'],
				msg: 'Value error, invalid cursor',
				input: text,
			},
		]);
	}
}

function readPageSize(query, { max = MAX_PAGE, fallback = DEFAULT_PAGE, name = 'first' } = {}) {
	const raw = query[name];
	if (raw === undefined) return fallback;
	const size = Number(raw);
	if (!Number.isInteger(size) || size < 1 || size > max) {
		throw validation([
			{
				type: size > max ? 'less_than_equal' : 'greater_than_equal',
				loc: ['query', name],
				msg:
					size > max
						? `Input should be less than or equal to ${max}`
						: 'Input should be greater than or equal to 1',
				input: raw,
			},
		]);
	}
	return size;
}

function compareKeys(a, b) {
	for (let i = 0; i < a.length; i++) {
		if (a[i] < b[i]) return -1;
		if (a[i] > b[i]) return 1;
	}
	return 0;
}

/**
 * Keyset pagination over a list sorted by `keyOf` (`direction` -1 for newest first): the cursor
 * holds the last item's key, so items added or changed between pages never shift a page.
 */
function cursorPage(items, query, { keyOf, direction = 1 }) {
	const first = readPageSize(query);
	let start = 0;
	if (query.after !== undefined && query.after !== '') {
		const after = decodeCursor(query.after);
		start = items.findIndex((item) => direction * compareKeys(keyOf(item), after) > 0);
		if (start < 0) start = items.length;
	}
	const page = items.slice(start, start + first);
	const hasNext = start + first < items.length;
	return {
		items: page,
		has_next_page: hasNext,
		end_cursor: hasNext && page.length ? encodeCursor(keyOf(page[page.length - 1])) : null,
		// Devin may omit the total "for performance"; large lists do here too.
		total: items.length <= 1000 ? items.length : null,
	};
}

/** `limit`/`offset` paging (schedules), still answered with the cursor envelope. */
function offsetPage(items, query, { max = MAX_PAGE, fallback = MAX_PAGE } = {}) {
	const limit = readPageSize(query, { name: 'limit', max, fallback });
	const offset = query.offset === undefined ? 0 : Number(query.offset);
	if (!Number.isInteger(offset) || offset < 0) {
		throw validation([
			{
				type: 'greater_than_equal',
				loc: ['query', 'offset'],
				msg: 'Input should be greater than or equal to 0',
				input: query.offset,
			},
		]);
	}
	const page = items.slice(offset, offset + limit);
	return {
		items: page,
		has_next_page: offset + limit < items.length,
		end_cursor: null,
		total: items.length,
	};
}

module.exports = { cursorPage, offsetPage, readPageSize, encodeCursor, decodeCursor, MAX_PAGE };
