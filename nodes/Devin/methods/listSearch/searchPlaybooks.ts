import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { PLAYBOOKS } from '../../helpers/catalogs';
import { catalogSearch } from './catalogSearch';

export async function searchPlaybooks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await catalogSearch.call(
		this,
		PLAYBOOKS,
		(playbook) => [playbook.title, playbook.macro].filter(Boolean).join(' · '),
		filter,
		paginationToken,
	);
}
