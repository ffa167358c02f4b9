import Ajv from 'ajv';
import fc from 'fast-check';
import type { IDataObject, INode } from 'n8n-workflow';

import {
	checkSchemaForDevin,
	findExternalRef,
	readStructuredOutputSchema,
	schemaFromExample,
} from '../../../../nodes/Devin/helpers/structuredOutput';

// ajv 6 (already in node_modules through ESLint) is an independent Draft 7 validator.
const ajv = new Ajv({ allErrors: true });
const context = { node: { name: 'Devin' } as INode, itemIndex: 0 };
const accepts = (schema: IDataObject, value: unknown) => ajv.validate(schema, value) as boolean;

describe('schemaFromExample', () => {
	const example = {
		summary: 'Fixed the checkout test',
		files_changed: ['src/checkout.ts', 'test/checkout.test.ts'],
		risk: { level: 'low', score: 0.2, reviewed: false },
		pull_requests: [{ url: 'https://github.com/acme/web/pull/7', number: 7 }],
		notes: null,
		tags: [],
	};

	it('derives types, required keys, nested objects and arrays of the first element’s shape', () => {
		expect(schemaFromExample(example)).toEqual({
			$schema: 'http://json-schema.org/draft-07/schema#',
			type: 'object',
			properties: {
				summary: { type: 'string' },
				files_changed: { type: 'array', items: { type: 'string' } },
				risk: {
					type: 'object',
					properties: {
						level: { type: 'string' },
						score: { type: 'number' },
						reviewed: { type: 'boolean' },
					},
					required: ['level', 'score', 'reviewed'],
				},
				pull_requests: {
					type: 'array',
					items: {
						type: 'object',
						properties: { url: { type: 'string' }, number: { type: 'number' } },
						required: ['url', 'number'],
					},
				},
				notes: {},
				tags: { type: 'array' },
			},
			required: ['summary', 'files_changed', 'risk', 'pull_requests', 'notes', 'tags'],
		});
	});

	it('gives a valid Draft 7 schema that holds Devin to the example’s shape', () => {
		const schema = schemaFromExample(example);
		expect(ajv.validateSchema(schema)).toBe(true);
		expect(accepts(schema, example)).toBe(true);
		expect(accepts(schema, { ...example, risk: { level: 'low', score: 1 } })).toBe(false);
		expect(accepts(schema, { ...example, files_changed: [3] })).toBe(false);
		expect(accepts(schema, { ...example, notes: { anything: 'goes' } })).toBe(true);
	});

	describe('property: any example', () => {
		const key = fc
			.oneof(
				fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_ -]{0,10}$/),
				fc.constantFrom('$ref', 'type', 'properties', 'required', 'items'),
			)
			.filter((name) => name !== '__proto__');
		const { value } = fc.letrec<{ value: unknown; array: unknown[]; object: IDataObject }>(
			(tie) => ({
				value: fc.oneof(
					{ depthSize: 'small', withCrossShrink: true },
					fc.string(),
					fc.integer(),
					fc.double({ noNaN: true, noDefaultInfinity: true }),
					fc.boolean(),
					fc.constant(null),
					tie('array'),
					tie('object'),
				),
				array: fc.array(tie('value'), { maxLength: 4 }),
				object: fc.dictionary(key, tie('value'), { maxKeys: 5 }) as fc.Arbitrary<IDataObject>,
			}),
		);

		/** The JSON shape of a value, worked out here independently of the code under test. */
		function shapeOf(entry: unknown): unknown {
			if (entry === null) return 'null';
			if (Array.isArray(entry)) return ['array', entry.length ? shapeOf(entry[0]) : 'empty'];
			if (typeof entry === 'object')
				return Object.fromEntries(
					Object.entries(entry as IDataObject)
						.sort(([a], [b]) => (a < b ? -1 : 1))
						.map(([name, child]) => [name, shapeOf(child)]),
				);
			return typeof entry;
		}

		/** Examples describe lists by their first element: keep only elements shaped like it. */
		function homogenize(entry: unknown): unknown {
			if (Array.isArray(entry)) {
				if (entry.length === 0) return entry;
				const [first, ...rest] = entry.map(homogenize);
				const shape = JSON.stringify(shapeOf(first));
				return [first, ...rest.filter((item) => JSON.stringify(shapeOf(item)) === shape)];
			}
			if (entry !== null && typeof entry === 'object')
				return Object.fromEntries(
					Object.entries(entry as IDataObject).map(([name, child]) => [name, homogenize(child)]),
				);
			return entry;
		}

		const example = fc
			.dictionary(key, value, { minKeys: 1, maxKeys: 6 })
			.map((entry) => homogenize(entry) as IDataObject);

		type Path = Array<string | number>;
		/** Every key whose value has a type (not null), through objects and each list's first element. */
		function typedKeys(entry: unknown, path: Path = []): Path[] {
			if (Array.isArray(entry)) return entry.length ? typedKeys(entry[0], [...path, 0]) : [];
			if (entry === null || typeof entry !== 'object') return [];
			return Object.entries(entry as IDataObject).flatMap(([name, child]) => [
				...(child === null ? [] : [[...path, name]]),
				...typedKeys(child, [...path, name]),
			]);
		}

		const jsonType = (entry: unknown) =>
			entry === null ? 'null' : Array.isArray(entry) ? 'array' : typeof entry;
		const REPLACEMENTS: unknown[] = ['text', 42, true, null, { other: 1 }, ['x']];

		function withChangedType(entry: IDataObject, path: Path, pick: number): IDataObject {
			const copy = structuredClone(entry);
			let parent = copy as unknown as Record<string | number, unknown>;
			for (const step of path.slice(0, -1)) parent = parent[step] as typeof parent;
			const last = path[path.length - 1];
			const others = REPLACEMENTS.filter((entry) => jsonType(entry) !== jsonType(parent[last]));
			parent[last] = others[pick % others.length];
			return copy;
		}

		it('accepts the example it came from, and is a valid Draft 7 schema', () => {
			fc.assert(
				fc.property(example, (entry) => {
					const schema = schemaFromExample(entry);
					expect(ajv.validateSchema(schema)).toBe(true);
					expect(accepts(schema, entry)).toBe(true);
				}),
				{ numRuns: 300 },
			);
		});

		it('rejects the example with one key’s type changed', () => {
			fc.assert(
				fc.property(example, fc.nat(), fc.nat(), (entry, which, pick) => {
					const keys = typedKeys(entry);
					fc.pre(keys.length > 0);
					const changed = withChangedType(entry, keys[which % keys.length], pick);
					expect(accepts(schemaFromExample(entry), changed)).toBe(false);
				}),
				{ numRuns: 300 },
			);
		});
	});
});

describe('checks before a schema is sent', () => {
	it('finds a $ref to another document, wherever it is, and allows local ones', () => {
		expect(findExternalRef({ properties: { a: { $ref: '#/definitions/a' } } })).toBeUndefined();
		expect(
			findExternalRef({ properties: { a: { items: [{ $ref: 'https://example.com/a.json' }] } } }),
		).toBe('https://example.com/a.json (at #/properties/a/items/0)');
		expect(() =>
			checkSchemaForDevin(context, 'Structured Output Schema', {
				type: 'object',
				properties: { user: { $ref: 'user.json' } },
			}),
		).toThrow('Structured Output Schema: refers to another document with $ref user.json');
	});

	it('rejects a schema over 64 KB, counted in UTF-8 bytes', () => {
		const big = { type: 'object', description: 'é'.repeat(33_000) };
		expect(() => checkSchemaForDevin(context, 'Structured Output Schema', big)).toThrow(
			/gives a schema of \d+ bytes; Devin accepts at most 65536/,
		);
		const example = { text: 'x'.repeat(70_000) };
		expect(() =>
			readStructuredOutputSchema(context, {
				structuredOutputSchemaType: 'fromJson',
				structuredOutputExample: example,
			}),
		).not.toThrow();
		const wide = Object.fromEntries(
			Array.from({ length: 3_000 }, (_, index) => [`field_${index}`, 'x']),
		);
		expect(() =>
			readStructuredOutputSchema(context, { structuredOutputExample: JSON.stringify(wide) }),
		).toThrow(/^Structured Output Example: gives a schema of \d+ bytes/);
	});
});

describe('readStructuredOutputSchema', () => {
	const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };

	it.each([
		[
			'From JSON Example',
			{ structuredOutputSchemaType: 'fromJson', structuredOutputExample: '{"ok": true}' },
		],
		['an example without a Schema Type', { structuredOutputExample: { ok: true } }],
	])('derives the schema for %s', (_name, fields) => {
		expect(readStructuredOutputSchema(context, fields)).toEqual({
			$schema: 'http://json-schema.org/draft-07/schema#',
			type: 'object',
			properties: { ok: { type: 'boolean' } },
			required: ['ok'],
		});
	});

	it.each([
		['Define Below', { structuredOutputSchemaType: 'manual', structuredOutputSchema: schema }],
		[
			'a schema saved before Schema Type existed',
			{ structuredOutputSchema: JSON.stringify(schema) },
		],
		[
			'Define Below with an example left over',
			{
				structuredOutputSchemaType: 'manual',
				structuredOutputSchema: schema,
				structuredOutputExample: '{}',
			},
		],
	])('takes the schema as written for %s', (_name, fields) => {
		expect(readStructuredOutputSchema(context, fields)).toEqual(schema);
	});

	it('sends nothing when neither is set', () => {
		expect(readStructuredOutputSchema(context, {})).toBeUndefined();
		expect(
			readStructuredOutputSchema(context, { structuredOutputSchemaType: 'manual' }),
		).toBeUndefined();
	});

	it.each([
		[
			'an empty example',
			{ structuredOutputSchemaType: 'fromJson', structuredOutputExample: '' },
			'Structured Output Example: is empty',
		],
		[
			'an example that is a list',
			{ structuredOutputSchemaType: 'fromJson', structuredOutputExample: '[1, 2]' },
			'Structured Output Example: must be a JSON object',
		],
		[
			'an example that is not JSON',
			{ structuredOutputExample: '{"summary": ' },
			'Structured Output Example: is not valid JSON',
		],
		[
			'both, without a Schema Type to choose',
			{ structuredOutputExample: '{"a": 1}', structuredOutputSchema: schema },
			'Structured Output Example: is set together with Structured Output Schema',
		],
	])('rejects %s, naming the field', (_name, fields, message) => {
		expect(() => readStructuredOutputSchema(context, fields)).toThrow(message);
	});
});
