import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { playbookLocator, readLocatorId } from '../../descriptions/locators';
import { updateCatalogItem } from '../../helpers/catalog';
import { PLAYBOOKS } from '../../helpers/catalogs';
import { readUpdateBody, updateFieldsCollection } from '../catalogFields';
import { bodyField, optionalPlaybookFields, PLAYBOOK_FIELDS, titleField } from './fields';

const properties: INodeProperties[] = [
	playbookLocator,
	updateFieldsCollection([bodyField, ...optionalPlaybookFields, titleField]),
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['playbook'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readLocatorId.call(this, itemIndex, 'playbookId', 'Playbook');
	const changes = await readUpdateBody.call(this, itemIndex, PLAYBOOK_FIELDS);
	const playbook = await updateCatalogItem.call(this, PLAYBOOKS, id, changes, itemIndex);
	return toOutput.call(this, itemIndex, 'playbook', playbook);
}
