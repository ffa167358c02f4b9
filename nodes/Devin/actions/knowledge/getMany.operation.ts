import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { listCatalogItems } from '../../helpers/catalog';
import { KNOWLEDGE } from '../../helpers/catalogs';
import { read, readFields, type FieldSpec } from '../../helpers/fields';
import { getApiContext } from '../../transport';
import type { QueryParams } from '../../transport/url';

const properties: INodeProperties[] = [
	...returnAllFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Folder Path',
				name: 'folderPath',
				type: 'string',
				default: '',
				placeholder: 'e.g. /Engineering/Frontend',
				description: 'Only notes in this folder (API v3)',
			},
			{
				displayName: 'Pinned Repository',
				name: 'pinnedRepo',
				type: 'string',
				default: '',
				placeholder: 'e.g. acme/web',
				description: 'Only notes pinned to this repository',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only notes whose name, body or trigger contain this text',
			},
		],
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['knowledge'], operation: ['getMany'] } },
	properties,
);

const FILTERS: FieldSpec[] = [
	{ param: 'search', api: 'search', label: 'Search', read: read.text },
	{
		param: 'folderPath',
		api: 'folder_path',
		label: 'Folder Path',
		read: read.text,
		versions: ['v3'],
	},
	{
		param: 'pinnedRepo',
		api: 'pinned_repo',
		label: 'Pinned Repository',
		read: read.repository(['all']),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { version } = await getApiContext.call(this);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = readFields(
		this.getNode(),
		itemIndex,
		this.getTimezone(),
		filters,
		FILTERS,
		version,
	) as QueryParams;
	const search = typeof qs.search === 'string' ? qs.search.toLowerCase() : undefined;
	const notes = await listCatalogItems.call(this, KNOWLEDGE, {
		qs,
		limit: readLimit.call(this, itemIndex),
		itemIndex,
		// v1 lists every note at once; its filters are applied here.
		matches: (note) =>
			(search === undefined ||
				[note.name, note.body, note.trigger].some((text) =>
					String(text ?? '')
						.toLowerCase()
						.includes(search),
				)) &&
			(qs.pinned_repo === undefined || note.pinned_repo === qs.pinned_repo),
	});
	return toOutputs.call(this, itemIndex, 'knowledgeNote', notes);
}
