import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { readRepositoryPaths } from '../../descriptions/repository';
import { requireV3 } from '../../helpers/apiVersion';
import { repositoryListRequest } from '../../helpers/repositories';
import { optionalText, toFlag } from '../../helpers/validation';
import { collectItems } from '../../transport/pagination';

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
				displayName: 'Exclude Paths',
				name: 'excludePaths',
				type: 'string',
				default: '',
				placeholder: 'e.g. acme/legacy, acme/sandbox',
				description: 'Comma-separated repositories (owner/name) to leave out',
			},
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. web',
				description: 'Only repositories whose path contains this text (not case-sensitive)',
			},
			{
				displayName: 'Only These Paths',
				name: 'onlyPaths',
				type: 'string',
				default: '',
				placeholder: 'e.g. acme/web, acme/api',
				description: 'Comma-separated repositories (owner/name): only these are returned',
			},
		],
	},
	outputOptions([
		{
			displayName: 'Include Indexing Status',
			name: 'includeIndexingStatus',
			type: 'boolean',
			default: false,
			description:
				"Whether to include each repository's indexing status (whether it is indexed, and its latest indexing jobs). Off makes the list faster.",
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['repository'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	await requireV3.call(this, itemIndex, 'Repository: Get Many');
	const context = { node: this.getNode(), itemIndex };
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const only = readRepositoryPaths(context, 'Only These Paths', filters.onlyPaths);
	const exclude = readRepositoryPaths(context, 'Exclude Paths', filters.excludePaths);
	const repositories = await collectItems.call(
		this,
		repositoryListRequest(
			{
				filter_name: optionalText(filters.name),
				only_repo_paths: only.length ? only : undefined,
				exclude_repo_paths: exclude.length ? exclude : undefined,
				// Devin includes the status unless told not to; it makes the list slower.
				load_indexing_status:
					toFlag(context, 'Include Indexing Status', options.includeIndexingStatus) === true,
			},
			itemIndex,
		),
		readLimit.call(this, itemIndex),
	);
	return toOutputs.call(this, itemIndex, 'repository', repositories);
}
