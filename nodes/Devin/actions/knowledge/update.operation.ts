import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { knowledgeNoteLocator, readLocatorId } from '../../descriptions/locators';
import { updateCatalogItem } from '../../helpers/catalog';
import { KNOWLEDGE } from '../../helpers/catalogs';
import { byName, readUpdateBody, updateFieldsCollection } from '../catalogFields';
import { bodyField, nameField, NOTE_FIELDS, optionalNoteFields, triggerField } from './fields';

const properties: INodeProperties[] = [
	knowledgeNoteLocator,
	updateFieldsCollection(byName([bodyField, ...optionalNoteFields, nameField, triggerField])),
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['knowledge'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readLocatorId.call(this, itemIndex, 'noteId', 'Knowledge Note');
	const changes = await readUpdateBody.call(this, itemIndex, NOTE_FIELDS);
	const note = await updateCatalogItem.call(this, KNOWLEDGE, id, changes, itemIndex);
	return toOutput.call(this, itemIndex, 'knowledgeNote', note);
}
