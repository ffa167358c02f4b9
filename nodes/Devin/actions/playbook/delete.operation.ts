import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { playbookLocator, readLocatorId } from '../../descriptions/locators';
import { deleteCatalogItem } from '../../helpers/catalog';
import { PLAYBOOKS } from '../../helpers/catalogs';

const properties: INodeProperties[] = [playbookLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['playbook'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readLocatorId.call(this, itemIndex, 'playbookId', 'Playbook');
	return await deleteCatalogItem.call(this, PLAYBOOKS, id, itemIndex);
}
