import type { IDataObject } from 'n8n-workflow';

import { STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES } from '../constants';
import { invalidField, toChoice, toJsonObject, type FieldContext } from './validation';

export const DRAFT_7 = 'http://json-schema.org/draft-07/schema#';

/** How the user gives the structured-output schema, as n8n's Structured Output Parser offers it. */
export type SchemaType = 'fromJson' | 'manual';
const SCHEMA_TYPES: readonly SchemaType[] = ['fromJson', 'manual'];

export interface StructuredOutputFields {
	/** Absent in workflows saved before there was a choice; then whichever of the two is set counts. */
	structuredOutputSchemaType?: unknown;
	structuredOutputExample?: unknown;
	structuredOutputSchema?: unknown;
}

/**
 * The JSON Schema (Draft 7) an example describes: its types, every key required, nested objects,
 * arrays shaped like their first element. A null says nothing about the type, so it allows any value.
 */
export function schemaOfValue(value: unknown): IDataObject {
	if (value === null || value === undefined) return {};
	if (Array.isArray(value)) {
		return value.length === 0
			? { type: 'array' }
			: { type: 'array', items: schemaOfValue(value[0]) };
	}
	switch (typeof value) {
		case 'string':
			return { type: 'string' };
		case 'number':
			return { type: 'number' };
		case 'boolean':
			return { type: 'boolean' };
		case 'object': {
			const entries = Object.entries(value as IDataObject);
			return {
				type: 'object',
				properties: Object.fromEntries(entries.map(([key, entry]) => [key, schemaOfValue(entry)])),
				required: entries.map(([key]) => key),
			};
		}
		default:
			return {};
	}
}

/** The schema for an example of Devin's structured output, which is always a JSON object. */
export function schemaFromExample(example: IDataObject): IDataObject {
	return { $schema: DRAFT_7, ...schemaOfValue(example) };
}

/** The first `$ref` that points outside the schema (Devin only accepts self-contained schemas). */
export function findExternalRef(schema: unknown, path = '#'): string | undefined {
	if (Array.isArray(schema)) {
		for (const [index, entry] of schema.entries()) {
			const found = findExternalRef(entry, `${path}/${index}`);
			if (found) return found;
		}
		return undefined;
	}
	if (schema === null || typeof schema !== 'object') return undefined;
	for (const [key, entry] of Object.entries(schema as IDataObject)) {
		if (key === '$ref' && typeof entry === 'string' && !entry.startsWith('#'))
			return `${entry} (at ${path})`;
		const found = findExternalRef(entry, `${path}/${key}`);
		if (found) return found;
	}
	return undefined;
}

/** Rejects what Devin rejects (more than 64 KB, an external `$ref`) before anything is sent. */
export function checkSchemaForDevin(
	context: FieldContext,
	label: string,
	schema: IDataObject,
): IDataObject {
	const size = new TextEncoder().encode(JSON.stringify(schema)).length;
	if (size > STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES) {
		throw invalidField(
			context,
			label,
			`gives a schema of ${size} bytes; Devin accepts at most ${STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES}`,
			'Shorten it, for example by leaving out long texts, examples or descriptions.',
		);
	}
	const external = findExternalRef(schema);
	if (external) {
		throw invalidField(
			context,
			label,
			`refers to another document with $ref ${external}`,
			'Devin only accepts self-contained schemas: copy the referenced definition into "definitions" and point to it with "#/definitions/…".',
		);
	}
	return schema;
}

/**
 * The `structured_output_schema` to send for the Additional Fields of a session, or undefined.
 * From JSON Example derives it; Define Below takes the JSON Schema as written.
 */
export function readStructuredOutputSchema(
	context: FieldContext,
	fields: StructuredOutputFields,
): IDataObject | undefined {
	const given = (value: unknown) => value !== undefined && value !== null && value !== '';
	let type = fields.structuredOutputSchemaType as SchemaType | undefined;
	if (given(type)) type = toChoice(context, 'Structured Output Schema Type', type, SCHEMA_TYPES);
	if (type !== 'fromJson' && type !== 'manual') {
		if (given(fields.structuredOutputExample) && given(fields.structuredOutputSchema)) {
			throw invalidField(
				context,
				'Structured Output Example',
				'is set together with Structured Output Schema',
				'Remove one of them, or add Structured Output Schema Type to choose which one counts.',
			);
		}
		type = given(fields.structuredOutputExample) ? 'fromJson' : 'manual';
	}
	if (type === 'manual') {
		const schema = toJsonObject(context, 'Structured Output Schema', fields.structuredOutputSchema);
		return schema && checkSchemaForDevin(context, 'Structured Output Schema', schema);
	}
	const example = toJsonObject(
		context,
		'Structured Output Example',
		fields.structuredOutputExample,
	);
	if (!example) {
		throw invalidField(
			context,
			'Structured Output Example',
			'is empty',
			'Paste an example of the JSON object Devin should return, e.g. {"summary": "…", "files": ["a.ts"]}, or set Structured Output Schema Type to Define Below.',
		);
	}
	return checkSchemaForDevin(context, 'Structured Output Example', schemaFromExample(example));
}
