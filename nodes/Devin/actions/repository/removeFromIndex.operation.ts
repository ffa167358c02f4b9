import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions } from '../../descriptions/common';
import { requireV3 } from '../../helpers/apiVersion';
import { REPOSITORY_PERMISSIONS } from '../../helpers/repositories';
import { devinApiRequest } from '../../transport';
import { indexingOutputs, readRepositoriesField, repositoriesField } from './repositories';

const properties: INodeProperties[] = [repositoriesField, outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['repository'], operation: ['removeFromIndex'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	await requireV3.call(this, itemIndex, 'Repository: Remove from Index');
	const paths = readRepositoriesField.call(this, itemIndex);
	const answer = (await devinApiRequest.call(this, {
		method: 'DELETE',
		path: ['repositories', 'indexing'],
		body: { repository_paths: paths },
		permission: REPOSITORY_PERMISSIONS.index,
		subject: `One of the repositories ${paths.join(', ')}`,
		expects: { kind: 'list', bare: true, id: 'repository_path' },
		itemIndex,
	})) as unknown;
	const removed = Array.isArray(answer) ? (answer as IDataObject[]) : [];
	const byPath = new Map(removed.map((entry) => [String(entry.repository_path), entry]));
	return indexingOutputs.call(
		this,
		itemIndex,
		paths.map((path) => ({
			entry: byPath.get(path) ?? { repository_path: path, branches: [], indexing_enabled: false },
		})),
	);
}
