import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SECRETS } from '../../helpers/catalogs';
import { catalogSearch } from './catalogSearch';

export async function searchSecrets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await catalogSearch.call(
		this,
		SECRETS,
		(secret) => [secret.key, secret.secret_type].filter(Boolean).join(' · '),
		filter,
		paginationToken,
	);
}
