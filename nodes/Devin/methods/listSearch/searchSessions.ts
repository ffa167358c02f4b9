import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { LIST_SEARCH_PAGE_SIZE } from '../../constants';
import { sessionListRequest } from '../../helpers/sessions';
import { getApiContext } from '../../transport';
import { fetchPage } from '../../transport/pagination';

/** Recent sessions for the Session dropdown, newest first, filtered by title or ID as the user types. */
export async function searchSessions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const api = await getApiContext.call(this);
	const page = await fetchPage.call(
		this,
		sessionListRequest(api.version),
		LIST_SEARCH_PAGE_SIZE,
		paginationToken,
	);
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const session of page.items) {
		const id = String(session.session_id ?? '');
		const title =
			typeof session.title === 'string' && session.title !== '' ? session.title : '(untitled)';
		if (needle && !title.toLowerCase().includes(needle) && !id.toLowerCase().includes(needle))
			continue;
		const status = session.status_enum ?? session.status;
		results.push({
			name: `${title} · ${String(status ?? 'unknown')}`,
			value: id,
			url: typeof session.url === 'string' ? session.url : undefined,
		});
	}
	return { results, paginationToken: page.next };
}
