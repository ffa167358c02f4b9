import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readOutputSettings, toOutputs } from '../../descriptions/common';
import { readRepositoryPaths, repositoryLocator } from '../../descriptions/repository';
import { indexingStateOf } from '../../helpers/repositories';
import { invalidField } from '../../helpers/validation';

/** The Repositories field of Index and Remove from Index: one, or several. */
export const repositoriesField = repositoryLocator({
	name: 'repositories',
	displayName: 'Repositories',
	description:
		'The repositories (owner/name): pick one from the list, type several separated by commas, or use an expression that gives one per input item or a list',
	multiple: true,
	required: true,
});

/** The paths in the Repositories field of item `itemIndex`: at least one, each owner/name. */
export function readRepositoriesField(this: IExecuteFunctions, itemIndex: number): string[] {
	const context = { node: this.getNode(), itemIndex };
	const paths = readRepositoryPaths(
		context,
		'Repositories',
		this.getNodeParameter('repositories', itemIndex, ''),
	);
	if (paths.length === 0) {
		throw invalidField(
			context,
			'Repositories',
			'is empty',
			'Pick a repository from the list or enter owner/name.',
		);
	}
	return paths;
}

/** RepositoryIndexingResponses as output items, each with its `indexingState` (unless raw). */
export function indexingOutputs(
	this: IExecuteFunctions,
	itemIndex: number,
	entries: Array<{ entry: IDataObject; branches?: string[] }>,
): IDataObject[] {
	const { raw } = readOutputSettings.call(this, itemIndex);
	const outputs = toOutputs.call(
		this,
		itemIndex,
		'repository',
		entries.map(({ entry }) => entry),
	);
	if (raw) return outputs;
	return outputs.map((output, index) => ({
		...output,
		indexingState: indexingStateOf(entries[index].entry, entries[index].branches).state,
	}));
}
