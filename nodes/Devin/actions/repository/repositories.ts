import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readOutputSettings, toOutputs } from '../../descriptions/common';
import { repositoryLocator } from '../../descriptions/repository';
import { requireApiVersion } from '../../helpers/apiVersion';
import { indexingStateOf } from '../../helpers/repositories';
import { getApiContext } from '../../transport';

/** The Repositories field of Index and Remove from Index: one, or several. */
export const repositoriesField = repositoryLocator({
	name: 'repositories',
	displayName: 'Repositories',
	description:
		'The repositories (owner/name): pick one from the list, type several separated by commas, or use an expression that gives one per input item or a list',
	multiple: true,
	required: true,
});

/** Repositories exist only in API v3: fail before any request with a v1 key. */
export async function requireV3(
	this: IExecuteFunctions,
	itemIndex: number,
	operation: string,
): Promise<void> {
	const { version } = await getApiContext.call(this);
	requireApiVersion(this.getNode(), itemIndex, `Repository: ${operation}`, 'v3', version);
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
