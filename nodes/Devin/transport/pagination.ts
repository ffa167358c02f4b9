import type { IDataObject } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../constants';
import type { DevinFunctions } from './apiContext';
import { devinApiRequest, type DevinRequest } from './index';

/** `cursor`: v3's `first`/`after` → `end_cursor`. `offset`: v1's and schedules' `limit`/`offset`. */
export type PageStyle = 'cursor' | 'offset';

export interface ListRequest extends DevinRequest {
	style: PageStyle;
	/** Where the items are in the response (the transport refuses a page without them). */
	itemsKey?: string;
	/** The most the endpoint returns in one page. */
	maxPageSize?: number;
	/** The field every item must have set (its ID). */
	itemId?: string;
}

export interface Page {
	items: IDataObject[];
	/** Cursor (or offset) for the page after this one; undefined on the last page. */
	next?: string;
	total?: number | null;
}

function itemsOf(body: IDataObject, itemsKey: string): IDataObject[] {
	return body[itemsKey] as IDataObject[];
}

/** Fetches one page; `from` is the cursor (or offset) returned as `next` by the page before. */
export async function fetchPage(
	this: DevinFunctions,
	request: ListRequest,
	pageSize: number,
	from?: string,
): Promise<Page> {
	const size = Math.max(1, Math.min(Math.floor(pageSize), request.maxPageSize ?? MAX_PAGE_SIZE));
	const itemsKey = request.itemsKey ?? 'items';
	if (request.style === 'cursor') {
		const body = await devinApiRequest.call(this, {
			...request,
			qs: { ...request.qs, first: size, after: from },
			expects: { kind: 'list', itemsKey, id: request.itemId },
		});
		const endCursor =
			typeof body.end_cursor === 'string' && body.end_cursor !== '' ? body.end_cursor : undefined;
		const hasNext = body.has_next_page === true && endCursor !== undefined && endCursor !== from;
		return {
			items: itemsOf(body, itemsKey),
			next: hasNext ? endCursor : undefined,
			total: typeof body.total === 'number' ? body.total : null,
		};
	}
	const offset = from === undefined ? 0 : Number(from);
	const body = await devinApiRequest.call(this, {
		...request,
		qs: { ...request.qs, limit: size, offset },
		expects: { kind: 'list', itemsKey, id: request.itemId },
	});
	const items = itemsOf(body, itemsKey);
	const flag = body.has_next_page;
	const hasNext = typeof flag === 'boolean' ? flag && items.length > 0 : items.length >= size;
	return { items, next: hasNext ? String(offset + items.length) : undefined };
}

/**
 * All items, or the first `limit`. Stops as soon as it has enough, never asks for more than it
 * needs, and ends on a missing or repeated cursor. `mapPage` turns each page into output while
 * the next page is on its way, so that work costs no time and each page's raw items can go.
 */
export async function collectItems(
	this: DevinFunctions,
	request: ListRequest,
	limit?: number,
	mapPage: (items: IDataObject[]) => IDataObject[] = (items) => items,
): Promise<IDataObject[]> {
	const maxPageSize = request.maxPageSize ?? MAX_PAGE_SIZE;
	const wanted = (count: number) =>
		limit === undefined ? maxPageSize : Math.min(maxPageSize, limit - count);
	const results: IDataObject[] = [];
	let count = 0;
	const seen = new Set<string>();
	let pending: Promise<Page> | undefined =
		wanted(0) > 0 ? fetchPage.call(this, request, wanted(0)) : undefined;
	while (pending) {
		const page: Page = await pending;
		const items =
			limit === undefined ? page.items : page.items.slice(0, Math.max(0, limit - count));
		count += items.length;
		const more =
			page.next !== undefined && !seen.has(page.next) && page.items.length > 0 && wanted(count) > 0;
		pending = undefined;
		if (more) {
			seen.add(page.next as string);
			pending = fetchPage.call(this, request, wanted(count), page.next);
			// Awaited on the next turn; until then a failure must not count as unhandled.
			pending.catch(() => undefined);
		}
		const mapped = mapPage(items);
		for (let index = 0; index < mapped.length; index++) results.push(mapped[index]);
	}
	return results;
}
