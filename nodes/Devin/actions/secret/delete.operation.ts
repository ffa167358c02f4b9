import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readLocatorId, secretLocator } from '../../descriptions/locators';
import { deleteCatalogItem } from '../../helpers/catalog';
import { SECRETS } from '../../helpers/catalogs';

const properties: INodeProperties[] = [secretLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['secret'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readLocatorId.call(this, itemIndex, 'secretId', 'Secret');
	return await deleteCatalogItem.call(this, SECRETS, id, itemIndex);
}
