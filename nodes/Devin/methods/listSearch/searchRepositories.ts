import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { LIST_SEARCH_PAGE_SIZE } from '../../constants';
import { requireApiVersion } from '../../helpers/apiVersion';
import { repositoryListRequest } from '../../helpers/repositories';
import { optionalText } from '../../helpers/validation';
import { getApiContext } from '../../transport';
import { fetchPage } from '../../transport/pagination';

/** The organization's repositories for a From List dropdown; Devin filters by name as the user types. */
export async function searchRepositories(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { version } = await getApiContext.call(this);
	requireApiVersion(this.getNode(), 0, 'The repository list', 'v3', version);
	const page = await fetchPage.call(
		this,
		repositoryListRequest({ filter_name: optionalText(filter), load_indexing_status: false }),
		LIST_SEARCH_PAGE_SIZE,
		paginationToken,
	);
	const results: INodeListSearchItems[] = page.items.map((repo) => {
		const path = String(repo.repo_path ?? '');
		const host = typeof repo.git_connection_host === 'string' ? repo.git_connection_host : '';
		const language = typeof repo.repo_language === 'string' ? ` · ${repo.repo_language}` : '';
		return {
			name: `${path}${language}`,
			value: path,
			url: host ? `https://${host}/${path}` : undefined,
		};
	});
	return { results, paginationToken: page.next };
}
