import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { createCatalogItem } from '../../helpers/catalog';
import { SECRETS } from '../../helpers/catalogs';
import { read, type FieldSpec } from '../../helpers/fields';
import { withoutValue } from './secrets';
import { readCreateBody } from '../catalogFields';

const properties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'key-value',
		options: [
			{ name: 'Cookie', value: 'cookie', description: 'A browser cookie Devin sends to a site' },
			{ name: 'Key-Value', value: 'key-value', description: 'A named value, e.g. an API token' },
			{
				name: 'TOTP',
				value: 'totp',
				description: 'A one-time-password seed for two-factor logins',
			},
		],
	},
	{
		displayName: 'Key',
		name: 'key',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. STRIPE_API_KEY',
		description: 'The name Devin knows the secret by',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'The secret itself. Devin stores it encrypted and never returns it; this node never outputs it.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				default: '',
				description: 'What the secret is for',
			},
			{
				displayName: 'Sensitive',
				name: 'isSensitive',
				type: 'boolean',
				default: true,
				description: 'Whether Devin hides the value in its own output and logs',
			},
		],
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['secret'], operation: ['create'] } },
	properties,
);

const SECRET_FIELDS: FieldSpec[] = [
	{ param: 'type', api: 'type', label: 'Type', read: read.oneOf(['key-value', 'cookie', 'totp']) },
	{ param: 'key', api: 'key', label: 'Key', read: read.text },
	{ param: 'value', api: 'value', label: 'Value', read: read.rawText },
	{ param: 'isSensitive', api: 'is_sensitive', label: 'Sensitive', read: read.flag },
	{ param: 'note', api: 'note', label: 'Note', read: read.text },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await readCreateBody.call(
		this,
		itemIndex,
		[
			{ param: 'type', label: 'Type' },
			{ param: 'key', label: 'Key' },
			{ param: 'value', label: 'Value' },
		],
		SECRET_FIELDS,
	);
	const value = String(body.value);
	const secret = await createCatalogItem.call(this, SECRETS, body, itemIndex, [value]);
	return toOutput.call(this, itemIndex, 'secret', withoutValue(secret));
}
