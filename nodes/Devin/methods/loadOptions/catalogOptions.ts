import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listCatalogItems, type CatalogSpec } from '../../helpers/catalog';

/** A dropdown holds this many at most; beyond that an expression with the ID serves. */
const MAX_OPTIONS = 1000;

export async function catalogOptions(
	this: ILoadOptionsFunctions,
	spec: CatalogSpec,
	name: (item: IDataObject) => string,
	description?: (item: IDataObject) => string | undefined,
): Promise<INodePropertyOptions[]> {
	const items = await listCatalogItems.call(this, spec, { limit: MAX_OPTIONS });
	return items
		.map((item) => ({
			name: name(item),
			value: String(item[spec.idField] ?? ''),
			description: description?.(item),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
