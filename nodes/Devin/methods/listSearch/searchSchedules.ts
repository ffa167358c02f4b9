import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SCHEDULES } from '../../helpers/catalogs';
import { catalogSearch } from './catalogSearch';

export async function searchSchedules(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await catalogSearch.call(
		this,
		SCHEDULES,
		(schedule) =>
			[
				schedule.name,
				schedule.frequency ?? schedule.scheduled_at,
				schedule.enabled === false ? 'paused' : '',
			]
				.filter(Boolean)
				.join(' · '),
		filter,
		paginationToken,
	);
}
