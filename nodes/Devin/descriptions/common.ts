import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_LIMIT } from '../constants';
import { withOneStatus } from '../helpers/leanStatus';
import { formatOutput, type OutputKind, type OutputSettings } from '../helpers/mapping';
import { invalidField, lazyFieldContext, toFlag, toWholeNumber } from '../helpers/validation';
import { camelCaseStructuredOutput, structuredOutputCaseOption } from './structuredOutput';

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
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** A boolean field of item `itemIndex`; an expression giving anything but true or false is refused. */
export function readSwitch(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): boolean {
	const value = this.getNodeParameter(name, itemIndex, false);
	return toFlag({ node: this.getNode(), itemIndex }, label, value) ?? false;
}

/** The limit to stop at, or undefined for Return All. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (readSwitch.call(this, 'returnAll', itemIndex, 'Return All')) return undefined;
	const context = { node: this.getNode(), itemIndex };
	const limit = this.getNodeParameter('limit', itemIndex, DEFAULT_LIMIT);
	const checked = toWholeNumber(context, 'Limit', limit);
	if (checked === undefined) {
		throw invalidField(
			context,
			'Limit',
			'is empty',
			'Enter a positive number, or turn on Return All.',
		);
	}
	return checked;
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
		options: [...own, structuredOutputCaseOption, rawOutputOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
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

export interface ItemOutputSettings extends OutputSettings {
	/** CamelCase Structured Output Keys: rename inside structuredOutput too. */
	camelCaseStructuredOutput: boolean;
}

const outputSettings = new WeakMap<IExecuteFunctions, Map<number, ItemOutputSettings>>();

/**
 * The Options every operation shares (Raw Output, CamelCase Structured Output Keys), checked, and
 * read once per item: n8n searches the node's fields on every parameter read.
 */
export function readOutputSettings(
	this: IExecuteFunctions,
	itemIndex: number,
): ItemOutputSettings {
	let perItem = outputSettings.get(this);
	if (!perItem) {
		perItem = new Map();
		outputSettings.set(this, perItem);
	}
	let settings = perItem.get(itemIndex);
	if (!settings) {
		const context = lazyFieldContext(this, itemIndex);
		// Every flag in it is checked below, so n8n's own check is skipped.
		const options = this.getNodeParameter('options', itemIndex, {}, { skipValidation: true });
		const set = (options ?? {}) as IDataObject;
		settings = {
			raw: toFlag(context, 'Raw Output', set.rawOutput) ?? false,
			lean: isToolMode.call(this),
			camelCaseStructuredOutput:
				toFlag(context, 'CamelCase Structured Output Keys', set.camelCaseStructuredOutput) ??
				false,
		};
		perItem.set(itemIndex, settings);
	}
	return settings;
}

/** Output kinds that carry a session's phase. */
const SESSION_KINDS = new Set<OutputKind>(['session', 'insight']);

/** `formatOutput`, and for an AI agent one coherent status on sessions. */
function format(kind: OutputKind, data: IDataObject, settings: OutputSettings): IDataObject {
	const output = formatOutput(kind, data, settings);
	return settings.lean && !settings.raw && SESSION_KINDS.has(kind)
		? withOneStatus(output, data)
		: output;
}

/** An output item of the given kind, as the Options of item `itemIndex` ask for it. */
export function toOutput(
	this: IExecuteFunctions,
	itemIndex: number,
	kind: OutputKind,
	data: IDataObject,
): IDataObject {
	return toOutputs.call(this, itemIndex, kind, [data])[0];
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
	const outputs = list.map((data) => format(kind, data, settings));
	if (kind !== 'session' || settings.raw || !settings.camelCaseStructuredOutput) return outputs;
	return outputs.map(camelCaseStructuredOutput);
}
