import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { createCatalogItem } from '../../helpers/catalog';
import { PLAYBOOKS } from '../../helpers/catalogs';
import { readCreateBody } from '../catalogFields';
import { bodyField, optionalPlaybookFields, PLAYBOOK_FIELDS, titleField } from './fields';

const properties: INodeProperties[] = [
	{ ...titleField, required: true },
	{ ...bodyField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalPlaybookFields,
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['playbook'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await readCreateBody.call(
		this,
		itemIndex,
		[
			{ param: 'title', label: 'Title' },
			{ param: 'body', label: 'Body' },
		],
		PLAYBOOK_FIELDS,
	);
	const playbook = await createCatalogItem.call(this, PLAYBOOKS, body, itemIndex);
	return toOutput.call(this, itemIndex, 'playbook', playbook);
}
