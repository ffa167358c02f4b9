import type { IDataObject, INode } from 'n8n-workflow';

import type { ApiVersion } from '../transport';
import { requireApiVersion } from './apiVersion';
import {
	invalidField,
	optionalText,
	toJsonObject,
	toPositiveNumber,
	toStringList,
	toUnixSeconds,
	type FieldContext,
} from './validation';

export interface ReadContext extends FieldContext {
	/** The workflow's time zone, for date fields. */
	timeZone: string;
}

/** Reads one field's value as the API wants it; undefined leaves the field out. */
export type FieldReader = (context: ReadContext, label: string, value: unknown) => unknown;

/** One node field and the API field it fills. */
export interface FieldSpec {
	param: string;
	api: string;
	label: string;
	read: FieldReader;
	/** The API versions that have it (default: both). */
	versions?: ApiVersion[];
	/** What to use instead in the other API version. */
	instead?: string;
}

const list =
	(options: { max?: number } = {}): FieldReader =>
	(context, label, value) => {
		const entries = toStringList(context, label, value, { ...options, unique: true });
		return entries.length ? entries : undefined;
	};

/** The ways fields are read, named once. */
export const read = {
	text: ((_context, _label, value) => optionalText(value)) as FieldReader,
	/** Text kept exactly as typed, spaces and empty string included (bodies, prompts). */
	rawText: ((_context, _label, value) =>
		typeof value === 'string' ? value : undefined) as FieldReader,
	flag: ((_context, _label, value) =>
		typeof value === 'boolean' ? value : undefined) as FieldReader,
	list: (max?: number): FieldReader => list({ max }),
	json:
		(maxBytes?: number): FieldReader =>
		(context, label, value) =>
			toJsonObject(context, label, value, { maxBytes }),
	wholeNumber: ((context, label, value) => {
		const number = toPositiveNumber(context, label, value);
		if (number !== undefined && !Number.isInteger(number)) {
			throw invalidField(
				context,
				label,
				`must be a whole number, got ${number}`,
				'Enter a whole number.',
			);
		}
		return number;
	}) as FieldReader,
	unixSeconds: ((context, label, value) =>
		toUnixSeconds(context, label, value, context.timeZone)) as FieldReader,
	isoDate: ((context, label, value) => {
		const seconds = toUnixSeconds(context, label, value, context.timeZone);
		return seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
	}) as FieldReader,
	oneOf:
		(allowed: string[]): FieldReader =>
		(context, label, value) => {
			const text = optionalText(value);
			if (text !== undefined && !allowed.includes(text)) {
				throw invalidField(
					context,
					label,
					`"${text}" is not one of ${allowed.join(', ')}`,
					`Use one of: ${allowed.join(', ')}.`,
				);
			}
			return text;
		},
	maxLength:
		(max: number): FieldReader =>
		(context, label, value) => {
			const text = optionalText(value);
			if (text !== undefined && text.length > max) {
				throw invalidField(
					context,
					label,
					`is ${text.length} characters; Devin accepts at most ${max}`,
					`Shorten it to ${max} characters.`,
				);
			}
			return text;
		},
};

/**
 * The API fields for the node fields in `values`, read and checked by `specs`. A field the API
 * version lacks fails here, before any request.
 */
export function readFields(
	node: INode,
	itemIndex: number,
	timeZone: string,
	values: IDataObject,
	specs: FieldSpec[],
	version: ApiVersion,
): IDataObject {
	const context: ReadContext = { node, itemIndex, timeZone };
	const result: IDataObject = {};
	for (const spec of specs) {
		const value = spec.read(context, spec.label, values[spec.param]);
		if (value === undefined) continue;
		if (spec.versions && !spec.versions.includes(version)) {
			requireApiVersion(node, itemIndex, spec.label, spec.versions[0], version, spec.instead);
		}
		result[spec.api] = value as IDataObject[string];
	}
	return result;
}
