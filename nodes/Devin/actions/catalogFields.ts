import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readFields, type FieldSpec } from '../helpers/fields';
import { invalidField, requireText } from '../helpers/validation';
import { getApiContext } from '../transport';

/** Collection options in the alphabetical order n8n's guidelines ask for. */
export function byName(fields: INodeProperties[]): INodeProperties[] {
	return [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The Update Fields collection of an update operation. */
export function updateFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/**
 * The API body for a create: the required top-level fields plus Additional Fields, read by the
 * resource's field table.
 */
export async function readCreateBody(
	this: IExecuteFunctions,
	itemIndex: number,
	required: Array<{ param: string; label: string }>,
	fields: FieldSpec[],
): Promise<IDataObject> {
	const { version } = await getApiContext.call(this);
	const values: IDataObject = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
	for (const field of required) {
		values[field.param] = requireText(
			{ node: this.getNode(), itemIndex },
			field.label,
			this.getNodeParameter(field.param, itemIndex, ''),
		);
	}
	return readFields(this.getNode(), itemIndex, this.getTimezone(), values, fields, version);
}

/** The API changes for an update: Update Fields, read by the resource's field table; at least one. */
export async function readUpdateBody(
	this: IExecuteFunctions,
	itemIndex: number,
	fields: FieldSpec[],
): Promise<IDataObject> {
	const { version } = await getApiContext.call(this);
	const values = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = readFields(
		this.getNode(),
		itemIndex,
		this.getTimezone(),
		values,
		fields,
		version,
	);
	if (Object.keys(changes).length === 0) {
		throw invalidField(
			{ node: this.getNode(), itemIndex },
			'Update Fields',
			'has nothing to change',
			'Add at least one field to Update Fields.',
		);
	}
	return changes;
}
