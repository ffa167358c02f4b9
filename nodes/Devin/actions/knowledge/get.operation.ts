import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { knowledgeNoteLocator, readLocatorId } from '../../descriptions/locators';
import { getCatalogItem } from '../../helpers/catalog';
import { KNOWLEDGE } from '../../helpers/catalogs';

const properties: INodeProperties[] = [knowledgeNoteLocator, outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['knowledge'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readLocatorId.call(this, itemIndex, 'noteId', 'Knowledge Note');
	const note = await getCatalogItem.call(this, KNOWLEDGE, id, itemIndex);
	return toOutput.call(this, itemIndex, 'knowledgeNote', note);
}
