import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_LIMIT } from '../constants';
import { formatOutput, type OutputKind, type OutputSettings } from '../helpers/mapping';
import { invalidField } from '../helpers/validation';

/** Return All + Limit, as n8n's Get Many operations have them. */
export function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The limit to stop at, or undefined for Return All. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const limit = Number(this.getNodeParameter('limit', itemIndex, DEFAULT_LIMIT));
	if (!Number.isFinite(limit) || limit < 1) {
		throw invalidField(
			{ node: this.getNode(), itemIndex },
			'Limit',
			`must be 1 or more, got ${limit}`,
			'Enter a positive number, or turn on Return All.',
		);
	}
	return Math.floor(limit);
}

export const rawOutputOption: INodeProperties = {
	displayName: 'Raw Output',
	name: 'rawOutput',
	type: 'boolean',
	default: false,
	description:
		"Whether to return Devin's JSON exactly as the API sends it (snake_case fields, timestamps as Devin gives them, no derived phase) instead of camelCase fields with ISO 8601 timestamps",
};

/** The Options collection: Raw Output, after any options of the operation's own. */
export function outputOptions(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, rawOutputOption],
	};
}

const toolMode = new WeakMap<IExecuteFunctions, boolean>();

/** Whether the node runs as an AI agent's tool (n8n names that variant `…Tool`). */
export function isToolMode(this: IExecuteFunctions): boolean {
	// Asked for every item; n8n copies the whole node for each `getNode()`.
	let tool = toolMode.get(this);
	if (tool === undefined) {
		tool = this.getNode().type.endsWith('Tool');
		toolMode.set(this, tool);
	}
	return tool;
}

export function readOutputSettings(this: IExecuteFunctions, itemIndex: number): OutputSettings {
	return {
		raw: this.getNodeParameter('options.rawOutput', itemIndex, false) as boolean,
		lean: isToolMode.call(this),
	};
}

/** An output item of the given kind, as the Options of item `itemIndex` ask for it. */
export function toOutput(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: OutputKind,
	data: IDataObject,
): IDataObject {
	return formatOutput(kind, data, readOutputSettings.call(this, itemIndex));
}

/** Turns a list (a page) into output items, one per entry. */
export function outputMapper(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: OutputKind,
): (list: IDataObject[]) => IDataObject[] {
	const settings = readOutputSettings.call(this, itemIndex);
	return (list) => list.map((data) => formatOutput(kind, data, settings));
}

/** Output items, one per entry. */
export function toOutputs(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: OutputKind,
	list: IDataObject[],
): IDataObject[] {
	const settings = readOutputSettings.call(this, itemIndex);
	return list.map((data) => formatOutput(kind, data, settings));
}
