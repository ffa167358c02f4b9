import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { listCatalogItems } from '../../helpers/catalog';
import { SECRETS } from '../../helpers/catalogs';
import { withoutValue } from './secrets';

const properties: INodeProperties[] = [...returnAllFields(), outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['secret'], operation: ['getMany'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const secrets = await listCatalogItems.call(this, SECRETS, {
		limit: readLimit.call(this, itemIndex),
		itemIndex,
	});
	return toOutputs.call(this, itemIndex, 'secret', secrets.map(withoutValue));
}
