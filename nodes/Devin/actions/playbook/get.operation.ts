import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { playbookLocator, readLocatorId } from '../../descriptions/locators';
import { getCatalogItem } from '../../helpers/catalog';
import { PLAYBOOKS } from '../../helpers/catalogs';

const properties: INodeProperties[] = [playbookLocator, outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['playbook'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readLocatorId.call(this, itemIndex, 'playbookId', 'Playbook');
	const playbook = await getCatalogItem.call(this, PLAYBOOKS, id, itemIndex);
	return toOutput.call(this, itemIndex, 'playbook', playbook);
}
