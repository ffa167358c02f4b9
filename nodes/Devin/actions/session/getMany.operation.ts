import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputMapper, outputOptions, readLimit, returnAllFields } from '../../descriptions/common';
import { readSessionFilters, sessionFilters } from '../../descriptions/sessionFilters';
import { sessionListRequest } from '../../helpers/sessions';
import { getApiContext } from '../../transport';
import { collectItems } from '../../transport/pagination';

const properties: INodeProperties[] = [...returnAllFields(), sessionFilters(), outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const api = await getApiContext.call(this);
	const qs = readSessionFilters.call(this, itemIndex, api.version);
	const limit = readLimit.call(this, itemIndex);
	return await collectItems.call(
		this,
		{ ...sessionListRequest(api.version, qs), itemIndex },
		limit,
		outputMapper.call(this, itemIndex, 'session'),
	);
}
