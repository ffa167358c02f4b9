import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { listCatalogItems } from '../../helpers/catalog';
import { PLAYBOOKS } from '../../helpers/catalogs';

const properties: INodeProperties[] = [...returnAllFields(), outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['playbook'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const playbooks = await listCatalogItems.call(this, PLAYBOOKS, {
		limit: readLimit.call(this, itemIndex),
		itemIndex,
	});
	return toOutputs.call(this, itemIndex, 'playbook', playbooks);
}
