import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { createCatalogItem } from '../../helpers/catalog';
import { KNOWLEDGE } from '../../helpers/catalogs';
import { readCreateBody } from '../catalogFields';
import { bodyField, nameField, NOTE_FIELDS, optionalNoteFields, triggerField } from './fields';

const properties: INodeProperties[] = [
	{ ...nameField, required: true },
	{ ...bodyField, required: true },
	{ ...triggerField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalNoteFields,
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['knowledge'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await readCreateBody.call(
		this,
		itemIndex,
		[
			{ param: 'name', label: 'Name' },
			{ param: 'body', label: 'Body' },
			{ param: 'trigger', label: 'Trigger' },
		],
		NOTE_FIELDS,
	);
	const note = await createCatalogItem.call(this, KNOWLEDGE, body, itemIndex);
	return toOutput.call(this, itemIndex, 'knowledgeNote', note);
}
