import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { knowledgeNoteLocator, readLocatorId } from '../../descriptions/locators';
import { deleteCatalogItem } from '../../helpers/catalog';
import { KNOWLEDGE } from '../../helpers/catalogs';

const properties: INodeProperties[] = [knowledgeNoteLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['knowledge'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readLocatorId.call(this, itemIndex, 'noteId', 'Knowledge Note');
	return await deleteCatalogItem.call(this, KNOWLEDGE, id, itemIndex);
}
