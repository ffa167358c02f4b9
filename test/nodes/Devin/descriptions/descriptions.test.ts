import { validateNodeDescription } from 'n8n-core/dist/nodes-loader/validate-node-description';
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Devin } from '../../../../nodes/Devin/Devin.node';
import { DevinTrigger } from '../../../../nodes/Devin/DevinTrigger.node';
import { structuredOutputCaseOption } from '../../../../nodes/Devin/descriptions/structuredOutput';

const devin = new Devin();
const { description } = devin;
const trigger = new DevinTrigger().description;
const node = {
	name: 'Devin',
	type: 'CUSTOM.devin',
	typeVersion: 1,
	parameters: {},
} as unknown as INode;

/** Every property shown for a resource and operation, collection options included. */
function fieldsOf(resource: string, operation: string): INodeProperties[] {
	const root = { resource, operation } as INodeParameters;
	const shown = description.properties.filter((property) =>
		NodeHelpers.displayParameter(root, property, node, description),
	);
	return shown.flatMap((property) => [
		property,
		...((property.type === 'collection' ? property.options : []) as INodeProperties[]),
	]);
}
const field = (resource: string, operation: string, name: string) => {
	const found = fieldsOf(resource, operation).find((property) => property.name === name);
	if (!found) throw new Error(`no field ${name} on ${resource}/${operation}`);
	return found;
};

/** Every text inside a builderHint, wherever it is in a description. */
function hintTexts(value: unknown, inHint = false): string[] {
	if (typeof value === 'string') return inHint ? [value] : [];
	if (Array.isArray(value)) return value.flatMap((entry) => hintTexts(entry, inHint));
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, entry]) =>
		hintTexts(entry, inHint || key === 'builderHint'),
	);
}

describe("hints for n8n's AI workflow builder", () => {
	it('tell the builder when to pick the node and how a typical flow is wired', () => {
		const hint = description.builderHint!;
		expect(hint.searchHint).toMatch(/Session → Create/);
		expect(hint.searchHint).toMatch(/Wait for Completion/);
		expect(hint.searchHint).toMatch(/pullRequests\[0\]\.prUrl/);
		expect(hint.searchHint).toMatch(/structuredOutput/);
		expect(hint.searchHint).toMatch(/Devin Trigger/);
		expect(hint.relatedNodes?.map((related) => related.nodeType)).toEqual([
			'n8n-nodes-devin.devinTrigger',
		]);
		const [pattern] = hint.extraTypeDefContent ?? [];
		expect(pattern.displayOptions).toEqual({
			show: { resource: ['session'], operation: ['create'] },
		});
		expect(pattern.content).toMatch(/^<patterns>[\s\S]*<\/patterns>$/);
		expect(pattern.content).toContain("type: 'n8n-nodes-devin.devin'");
		expect(trigger.builderHint?.searchHint).toMatch(/longer than a workflow should wait/);
	});

	it('load in n8n, which refuses hints on the resource and operation dropdowns themselves', () => {
		expect(() => validateNodeDescription(description)).not.toThrow();
		expect(() => validateNodeDescription(trigger)).not.toThrow();
		const withHint = {
			...description,
			properties: description.properties.map((property) =>
				property.name === 'resource'
					? { ...property, builderHint: { propertyHint: 'x' } }
					: property,
			),
		};
		expect(() => validateNodeDescription(withHint)).toThrow(/discriminator property/);
	});

	it.each([
		['resource', 'session', 'session'],
		['resource', 'repository', 'repository'],
		['operation', 'session', 'create'],
		['operation', 'session', 'get'],
		['operation', 'session', 'sendMessage'],
		['operation', 'session', 'waitForCompletion'],
		['operation', 'repository', 'index'],
	])('are on the %s option %s → %s', (dropdown, resource, value) => {
		const property = description.properties.find(
			(entry) =>
				entry.name === dropdown &&
				(dropdown === 'resource' ||
					(entry.displayOptions?.show?.resource as string[])[0] === resource),
		);
		const option = (property?.options as INodePropertyOptions[]).find(
			(entry) => entry.value === value,
		);
		expect(option?.builderHint?.propertyHint).toMatch(/\w{4,}/);
	});

	it.each([
		['session', 'create', 'prompt'],
		['session', 'create', 'waitForCompletion'],
		['session', 'sendMessage', 'waitForCompletion'],
		['session', 'create', 'structuredOutputSchemaType'],
		['session', 'create', 'structuredOutputExample'],
		['session', 'create', 'structuredOutputSchema'],
		['repository', 'index', 'waitUntilIndexed'],
	])('are on %s → %s → %s', (resource, operation, name) => {
		expect(field(resource, operation, name).builderHint?.propertyHint).toMatch(/\w{4,}/);
	});

	it('never leak n8n’s wire format (expressions, connection type names), even when built from constants', () => {
		const texts = [...hintTexts(description), ...hintTexts(trigger)];
		expect(texts.length).toBeGreaterThan(10);
		for (const text of texts) {
			expect(text).not.toMatch(/={{/);
			expect(text).not.toMatch(
				/\bai_(agent|chain|document|embedding|languageModel|memory|outputParser|retriever|reranker|textSplitter|tool|vectorStore)\b/,
			);
		}
	});
});

describe('structured output fields', () => {
	const option = (name: string) => field('session', 'create', name);
	const shown = (name: string, values: INodeParameters) =>
		NodeHelpers.displayParameter(values, option(name), node, description);

	it('offer the choice n8n’s Structured Output Parser offers', () => {
		const type = option('structuredOutputSchemaType');
		expect(type.options?.map((entry) => ('value' in entry ? entry.value : ''))).toEqual([
			'fromJson',
			'manual',
		]);
		expect(type.options?.map((entry) => ('name' in entry ? entry.name : ''))).toEqual([
			'From JSON Example',
			'Define Below (JSON Schema)',
		]);
		expect(type.default).toBe('fromJson');
		expect(JSON.parse(option('structuredOutputExample').default as string)).toHaveProperty(
			'summary',
		);
		expect(option('structuredOutputRequired').default).toBe(true);
	});

	it.each([
		['From JSON Example', { structuredOutputSchemaType: 'fromJson' }, true, false],
		['Define Below', { structuredOutputSchemaType: 'manual' }, false, true],
		['no Schema Type (workflows saved before it existed)', {}, true, true],
	])('show with %s: example %s, schema %s', (_name, values, example, schema) => {
		expect(shown('structuredOutputExample', values)).toBe(example);
		expect(shown('structuredOutputSchema', values)).toBe(schema);
	});

	it('offer camelCase structured output only where a session is output', () => {
		const visible = (resource: string, operation: string) =>
			NodeHelpers.displayParameter({}, structuredOutputCaseOption, node, description, {
				resource,
				operation,
			} as INodeParameters);
		for (const operation of ['create', 'get', 'getMany', 'sendMessage', 'waitForCompletion'])
			expect(visible('session', operation)).toBe(true);
		expect(visible('enterprise', 'getManySessions')).toBe(true);
		expect(visible('repository', 'getMany')).toBe(false);
		expect(visible('knowledge', 'get')).toBe(false);
		const options = field('session', 'get', 'options');
		expect((options.options as INodeProperties[]).map((entry) => entry.displayName)).toEqual([
			'CamelCase Structured Output Keys',
			'Raw Output',
		]);
	});
});

describe('repository fields', () => {
	const pathPattern = (property: INodeProperties) => {
		const mode = property.modes?.find((entry) => entry.name === 'path');
		const rule = mode?.validation?.[0] as { properties: { regex: string } } | undefined;
		return new RegExp(rule!.properties.regex);
	};

	it('pick repositories from a searchable list or by path, one or several', () => {
		const one = field('repository', 'getIndexingStatus', 'repository');
		const several = field('repository', 'index', 'repositories');
		const repos = field('session', 'create', 'repos');
		for (const locator of [one, several, repos]) {
			expect(locator.type).toBe('resourceLocator');
			expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'path']);
			const method = locator.modes?.[0].typeOptions?.searchListMethod;
			expect(method).toBe('searchRepositories');
			expect(Object.keys(devin.methods.listSearch)).toContain(method);
		}
		expect(pathPattern(one).test('acme/web')).toBe(true);
		expect(pathPattern(one).test('platform/tools/deploy-scripts')).toBe(true);
		expect(pathPattern(one).test('acme')).toBe(false);
		expect(pathPattern(one).test('acme/web, acme/api')).toBe(false);
		expect(pathPattern(several).test(' acme/web, acme/api ')).toBe(true);
		expect(pathPattern(several).test('acme/web,')).toBe(false);
		expect(repos.required).toBeFalsy();
	});

	it('say that indexing is idempotent', () => {
		const operation = description.properties.find(
			(property) =>
				property.name === 'operation' &&
				(property.displayOptions?.show?.resource as string[])?.[0] === 'repository',
		);
		const index = operation?.options?.find((entry) => 'value' in entry && entry.value === 'index');
		expect(index && 'description' in index ? index.description : '').toMatch(/idempotent/);
		expect(field('repository', 'index', 'idempotentNotice').displayName).toMatch(/idempotent/);
	});

	it('validate the ACU limit as a whole number of 0 or more', () => {
		const limit = field('enterprise', 'setAcuLimit', 'cycleAcuLimit');
		expect(limit.typeOptions).toMatchObject({ minValue: 0, numberPrecision: 0 });
		expect(limit.required).toBe(true);
	});
});
