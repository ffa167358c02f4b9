import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { LIST_SEARCH_PAGE_SIZE } from '../../constants';
import { searchCatalogPage, type CatalogSpec } from '../../helpers/catalog';

/** One page of a catalog for a From List dropdown, narrowed to what the user typed. */
export async function catalogSearch(
	this: ILoadOptionsFunctions,
	spec: CatalogSpec,
	label: (item: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await searchCatalogPage.call(this, spec, LIST_SEARCH_PAGE_SIZE, paginationToken);
	const needle = filter?.trim().toLowerCase();
	const results = page.items
		.map((item) => ({ name: label(item), value: String(item[spec.idField] ?? '') }))
		.filter((entry) => !needle || `${entry.name} ${entry.value}`.toLowerCase().includes(needle));
	return { results, paginationToken: page.next };
}
