import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toCamelCase } from '../helpers/mapping';

const EXAMPLE = `{
  "summary": "What was changed and why",
  "pullRequestUrl": "https://github.com/acme/web/pull/42",
  "filesChanged": ["src/checkout.ts"],
  "risk": "low",
  "testsPassed": true
}`;

/**
 * The structured-output fields of Create Session's Additional Fields, as n8n's Structured Output
 * Parser offers them. Workflows saved before Schema Type existed have only a schema: without a
 * Schema Type, the schema field stays visible and is used.
 */
export const structuredOutputFields: INodeProperties[] = [
	{
		displayName: 'Structured Output Example',
		name: 'structuredOutputExample',
		type: 'json',
		default: EXAMPLE,
		displayOptions: { hide: { structuredOutputSchemaType: ['manual'] } },
		description:
			'An example of the JSON object Devin should return when it is done (API v3). Its keys, types, nested objects and the first element of each list become the JSON Schema; every key is required; a null allows any value.',
		builderHint: {
			propertyHint:
				'A JSON object showing the result you want back, with realistic values, e.g. {"summary": "text", "pullRequestUrl": "https://…", "filesChanged": ["a.ts"]}. Read the answer later from the structuredOutput field of the session (after Wait for Completion).',
		},
	},
	{
		displayName: 'Structured Output Required',
		name: 'structuredOutputRequired',
		type: 'boolean',
		default: true,
		description:
			'Whether Devin must send a final structured output before it ends its turn (API v3; needs a Structured Output Example or Schema)',
	},
	{
		displayName: 'Structured Output Schema',
		name: 'structuredOutputSchema',
		type: 'json',
		default: '',
		displayOptions: { hide: { structuredOutputSchemaType: ['fromJson'] } },
		description:
			'JSON Schema (Draft 7, at most 64 KB, no $ref to other documents) for the structured output Devin returns. Without a schema or example, Structured Output stays empty.',
		builderHint: {
			propertyHint:
				'Only with Structured Output Schema Type "Define Below": a self-contained Draft 7 JSON Schema object with "type": "object" at the root.',
		},
	},
	{
		displayName: 'Structured Output Schema Type',
		name: 'structuredOutputSchemaType',
		type: 'options',
		default: 'fromJson',
		description: 'How to tell Devin the shape of the result it returns (API v3)',
		options: [
			{
				name: 'From JSON Example',
				value: 'fromJson',
				description: 'Paste an example of the result; the schema is derived from it',
			},
			{
				name: 'Define Below (JSON Schema)',
				value: 'manual',
				description: 'Write the JSON Schema (Draft 7) yourself',
			},
		],
		builderHint: {
			propertyHint:
				'Use "From JSON Example" (fromJson) unless a JSON Schema is already at hand. Asking for structured output is how to get machine-readable results (fields, lists, flags) out of a Devin session.',
		},
	},
];

/** The session output option that renames the user's structured-output keys too. */
export const structuredOutputCaseOption: INodeProperties = {
	displayName: 'CamelCase Structured Output Keys',
	name: 'camelCaseStructuredOutput',
	type: 'boolean',
	default: false,
	displayOptions: {
		show: {
			'/resource': ['session', 'enterprise'],
			'/operation': [
				'create',
				'get',
				'getMany',
				'sendMessage',
				'waitForCompletion',
				'getManySessions',
			],
		},
	},
	description:
		'Whether to rename the keys inside structuredOutput to camelCase as well. Off: structuredOutput is returned exactly as your schema describes it.',
};

/** A session output with the keys inside its structuredOutput camelCased too. */
export function camelCaseStructuredOutput(output: IDataObject): IDataObject {
	return output.structuredOutput === undefined
		? output
		: { ...output, structuredOutput: toCamelCase(output.structuredOutput) };
}
