import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions } from '../../descriptions/common';
import { readRepositoryPath, repositoryLocator } from '../../descriptions/repository';
import { requireV3 } from '../../helpers/apiVersion';
import { fetchIndexing } from '../../helpers/repositories';
import { indexingOutputs } from './repositories';

const properties: INodeProperties[] = [
	repositoryLocator({
		name: 'repository',
		displayName: 'Repository',
		description: 'The repository (owner/name), from the list or typed',
		multiple: false,
		required: true,
	}),
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['repository'], operation: ['getIndexingStatus'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	await requireV3.call(this, itemIndex, 'Repository: Get Indexing Status');
	const path = readRepositoryPath.call(this, itemIndex, 'repository', 'Repository');
	const entry = await fetchIndexing.call(this, path, itemIndex);
	return indexingOutputs.call(this, itemIndex, [{ entry }])[0];
}
