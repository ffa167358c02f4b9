import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { V1_MAX_PAGE_SIZE } from '../constants';
import {
	devinApiRequest,
	getApiContext,
	type ApiVersion,
	type DevinFunctions,
	type Expected,
} from '../transport';
import { collectItems, fetchPage, type ListRequest, type Page } from '../transport/pagination';
import type { QueryParams } from '../transport/url';
import { requireApiVersion } from './apiVersion';
import type { OutputKind } from './mapping';

export type CatalogOperation = 'create' | 'get' | 'getMany' | 'update' | 'delete';

/**
 * How one of Devin's catalogs (knowledge notes, playbooks, secrets, schedules) is reached in each
 * API version. Items are always handled in their v3 shape; v1 answers are converted on arrival.
 */
export interface CatalogSpec {
	/** What one item is called in messages, e.g. "Knowledge note". */
	noun: string;
	kind: OutputKind;
	/** The v3 field holding the item's ID. */
	idField: string;
	permission: string;
	/** Fields an update sends (v3 names). A PUT replaces the whole item, so it sends all of them. */
	writable: string[];
	v3: {
		path: string[];
		list: Pick<ListRequest, 'style' | 'itemsKey' | 'maxPageSize'>;
		update: 'PUT' | 'PATCH';
	};
	v1?: {
		path: string[];
		/** Where the list is in v1's answer; a bare array otherwise. */
		itemsKey?: string;
		/** v1 has `GET /{id}`; without it, the list is searched. */
		getById: boolean;
		/** v1 shape → v3 shape. */
		fromV1(item: IDataObject): IDataObject;
		/** v3 body → v1 body. */
		toV1(body: IDataObject): IDataObject;
		/** Operations v1 does not have. */
		lacks?: CatalogOperation[];
	};
}

const OPERATION_NAMES: Record<CatalogOperation, string> = {
	create: 'Create',
	get: 'Get',
	getMany: 'Get Many',
	update: 'Update',
	delete: 'Delete',
};

/** The API version to use, failing before any request when the operation does not exist in it. */
async function versionFor(
	this: DevinFunctions,
	spec: CatalogSpec,
	operation: CatalogOperation,
	itemIndex?: number,
): Promise<ApiVersion> {
	const { version } = await getApiContext.call(this);
	const lacking = version === 'v1' && (!spec.v1 || spec.v1.lacks?.includes(operation));
	if (lacking) {
		requireApiVersion(
			this.getNode(),
			itemIndex ?? 0,
			`${spec.noun}: ${OPERATION_NAMES[operation]}`,
			'v3',
			version,
		);
	}
	return version;
}

function subject(spec: CatalogSpec, id: string): string {
	return `${spec.noun} ${id}`;
}

/** One item, as Devin answers it: v3 always names its ID field; v1's varies by catalog. */
function itemAnswer(spec: CatalogSpec, version: ApiVersion): Expected {
	return version === 'v3' ? { kind: 'object', id: spec.idField } : { kind: 'object' };
}

function v1Items(spec: CatalogSpec, body: unknown): IDataObject[] {
	const v1 = spec.v1!;
	const list = v1.itemsKey ? (body as IDataObject | null)?.[v1.itemsKey] : body;
	return Array.isArray(list) ? (list as IDataObject[]).map((item) => v1.fromV1(item)) : [];
}

/** v1 catalogs come whole, in one answer. */
async function listV1(
	this: DevinFunctions,
	spec: CatalogSpec,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const body = await devinApiRequest.call(this, {
		method: 'GET',
		path: spec.v1!.path,
		permission: spec.permission,
		expects: { kind: 'list', itemsKey: spec.v1!.itemsKey, bare: spec.v1!.itemsKey === undefined },
		itemIndex,
	});
	return v1Items(spec, body);
}

function listRequest(spec: CatalogSpec, qs: QueryParams, itemIndex?: number): ListRequest {
	return {
		method: 'GET',
		path: spec.v3.path,
		qs,
		permission: spec.permission,
		itemIndex,
		itemId: spec.idField,
		...spec.v3.list,
	};
}

export async function getCatalogItem(
	this: DevinFunctions,
	spec: CatalogSpec,
	id: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const version = await versionFor.call(this, spec, 'get', itemIndex);
	if (version === 'v3' || spec.v1!.getById) {
		const body = await devinApiRequest.call(this, {
			method: 'GET',
			path: [...(version === 'v3' ? spec.v3.path : spec.v1!.path), id],
			permission: spec.permission,
			subject: subject(spec, id),
			expects: itemAnswer(spec, version),
			itemIndex,
		});
		return version === 'v3' ? body : spec.v1!.fromV1(body);
	}
	const found = (await listV1.call(this, spec, itemIndex)).find(
		(item) => item[spec.idField] === id,
	);
	if (!found) {
		throw new NodeOperationError(this.getNode(), `${subject(spec, id)} was not found`, {
			description: 'Check the ID, and that the key belongs to the organization that owns it.',
			itemIndex,
		});
	}
	return found;
}

/**
 * Items in their v3 shape, all or the first `limit`. v1 catalogs have no server-side filters or
 * paging, so `matches` filters them here.
 */
export async function listCatalogItems(
	this: DevinFunctions,
	spec: CatalogSpec,
	options: {
		qs?: QueryParams;
		limit?: number;
		itemIndex?: number;
		matches?: (item: IDataObject) => boolean;
	},
): Promise<IDataObject[]> {
	const version = await versionFor.call(this, spec, 'getMany', options.itemIndex);
	if (version === 'v3') {
		return await collectItems.call(
			this,
			listRequest(spec, options.qs ?? {}, options.itemIndex),
			options.limit,
		);
	}
	const items = (await listV1.call(this, spec, options.itemIndex)).filter(
		options.matches ?? (() => true),
	);
	return options.limit === undefined ? items : items.slice(0, options.limit);
}

/** One page for a dropdown: v3 pages with the API; v1 lists whole, so one page holds all. */
export async function searchCatalogPage(
	this: DevinFunctions,
	spec: CatalogSpec,
	pageSize: number,
	token?: string,
): Promise<Page> {
	const { version } = await getApiContext.call(this);
	if (version === 'v3') return await fetchPage.call(this, listRequest(spec, {}), pageSize, token);
	if (!spec.v1) return { items: [] };
	return { items: (await listV1.call(this, spec)).slice(0, V1_MAX_PAGE_SIZE * 10) };
}

export async function createCatalogItem(
	this: DevinFunctions,
	spec: CatalogSpec,
	body: IDataObject,
	itemIndex: number,
	sensitive?: string[],
): Promise<IDataObject> {
	const version = await versionFor.call(this, spec, 'create', itemIndex);
	const created = await devinApiRequest.call(this, {
		method: 'POST',
		path: version === 'v3' ? spec.v3.path : spec.v1!.path,
		body: version === 'v3' ? body : spec.v1!.toV1(body),
		permission: spec.permission,
		sensitive,
		expects: itemAnswer(spec, version),
		itemIndex,
	});
	return version === 'v3' ? created : spec.v1!.fromV1(created);
}

function pick(item: IDataObject, fields: string[]): IDataObject {
	const result: IDataObject = {};
	for (const field of fields) if (item[field] !== undefined) result[field] = item[field];
	return result;
}

/** PATCH sends the changes; PUT replaces the whole item, so it is read first and the changes merged in. */
export async function updateCatalogItem(
	this: IExecuteFunctions,
	spec: CatalogSpec,
	id: string,
	changes: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const version = await versionFor.call(this, spec, 'update', itemIndex);
	const method = version === 'v3' ? spec.v3.update : 'PUT';
	let body = changes;
	if (method === 'PUT') {
		const current = await getCatalogItem.call(this, spec, id, itemIndex);
		body = { ...pick(current, spec.writable), ...changes };
	}
	const updated = await devinApiRequest.call(this, {
		method,
		path: [...(version === 'v3' ? spec.v3.path : spec.v1!.path), id],
		body: version === 'v3' ? body : spec.v1!.toV1(body),
		permission: spec.permission,
		subject: subject(spec, id),
		expects: itemAnswer(spec, version),
		itemIndex,
	});
	return version === 'v3' ? updated : spec.v1!.fromV1(updated);
}

/** Deletes and answers `{deleted: true, id}`, whatever Devin's answer looks like. */
export async function deleteCatalogItem(
	this: IExecuteFunctions,
	spec: CatalogSpec,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	const version = await versionFor.call(this, spec, 'delete', itemIndex);
	await devinApiRequest.call(this, {
		method: 'DELETE',
		path: [...(version === 'v3' ? spec.v3.path : spec.v1!.path), id],
		permission: spec.permission,
		subject: subject(spec, id),
		expects: { kind: 'nothing' },
		itemIndex,
	});
	return { deleted: true, id };
}
