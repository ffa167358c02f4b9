import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { KNOWLEDGE } from '../../helpers/catalogs';
import { catalogSearch } from './catalogSearch';

export async function searchKnowledgeNotes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await catalogSearch.call(
		this,
		KNOWLEDGE,
		(note) => [note.name, note.folder_path].filter(Boolean).join(' · '),
		filter,
		paginationToken,
	);
}
