import {
	generateZodSchema,
	NodeHelpers,
	traverseNodeParameters,
	type FromAIArgument,
	type INode,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';
import { z } from 'zod';

import { WAIT_DEFAULT_TIMEOUT_MINUTES } from '../../../../nodes/Devin/constants';
import { resources } from '../../../../nodes/Devin/actions/resources';
import { Devin } from '../../../../nodes/Devin/Devin.node';
import { fromAi, MODEL_INPUTS, TOOL_DESCRIPTIONS } from '../../../../nodes/Devin/descriptions/tool';
import { asTool } from '../../../helpers/n8n';

const toolType = asTool(new Devin());
const nodeType = new Devin();

function nodeOf(type: INodeType, parameters: INodeParameters): INode {
	return {
		id: 'n1',
		name: 'Devin',
		type: `CUSTOM.${type.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
}

/** The node's parameters with defaults, as n8n's Workflow gives them to the node at run time. */
function resolved(type: INodeType, parameters: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(
		type.description.properties,
		parameters,
		true,
		false,
		nodeOf(type, parameters),
		type.description,
	) as INodeParameters;
}

/** What a model is told about the tool: n8n-core's createNodeAsTool, step by step. */
function modelView(parameters: INodeParameters) {
	const full = resolved(toolType, parameters);
	const args: FromAIArgument[] = [];
	traverseNodeParameters(full, args);
	const schema = z
		.object(Object.fromEntries(args.map((arg) => [arg.key, generateZodSchema(arg)])))
		.required();
	const description = NodeHelpers.getToolDescriptionForNode(nodeOf(toolType, full), toolType);
	return { schema, description, parameters: full };
}

const operations = Object.entries(resources).flatMap(([resource, module]) =>
	Object.keys(module.operations).map((operation) => `${resource}.${operation}`),
);

describe('tool descriptions', () => {
	it('every operation has a hand-written description that says what it costs', () => {
		for (const key of operations) {
			const entry = TOOL_DESCRIPTIONS[key];
			expect({ key, described: entry !== undefined }).toEqual({ key, described: true });
			const texts = typeof entry === 'string' ? [entry] : [entry.returnsAtOnce, entry.waits];
			for (const text of texts) {
				expect(text).toMatch(/Free|ACUs|money|no new session/);
				expect(text.length).toBeLessThan(700);
			}
		}
		expect(Object.keys(TOOL_DESCRIPTIONS).sort()).toEqual([...operations].sort());
	});

	it('is what the agent reads, with or without Wait for Completion', () => {
		const create = TOOL_DESCRIPTIONS['session.create'] as { returnsAtOnce: string; waits: string };
		expect(modelView({ resource: 'session', operation: 'create' }).description).toBe(
			create.returnsAtOnce,
		);
		expect(
			modelView({ resource: 'session', operation: 'create', waitForCompletion: true }).description,
		).toBe(create.waits);
		expect(create.returnsAtOnce).toMatch(/Returns at once with sessionId, url/);
		expect(create.waits).toMatch(/at most for the timeout the workflow sets/);
		expect(modelView({ resource: 'tag', operation: 'get' }).description).toBe(
			TOOL_DESCRIPTIONS['tag.get'],
		);
	});

	it("keeps the builder's own description", () => {
		const { description } = modelView({
			resource: 'session',
			operation: 'get',
			toolDescription: 'Look up the build bot session',
		});
		expect(description).toBe('Look up the build bot session');
	});

	it('leaves n8n no reason to add its generic Tool Description fields', () => {
		const names = toolType.description.properties.map((property) => property.name);
		expect(names).not.toContain('descriptionType');
		expect(names.filter((name) => name === 'toolDescription').length).toBeGreaterThan(40);
	});

	it('adds nothing to the normal node', () => {
		const plain = resolved(nodeType, { resource: 'session', operation: 'create' });
		expect(plain.toolDescription).toBeUndefined();
		expect(plain.prompt).toBe('');
		expect(plain.additionalFields).toEqual({});
		const waiting = resolved(nodeType, {
			resource: 'session',
			operation: 'create',
			waitForCompletion: true,
		});
		expect(waiting.timeoutMinutes).toBe(WAIT_DEFAULT_TIMEOUT_MINUTES);
	});
});

describe('what the model fills in', () => {
	it('Create Session: the prompt is required, title, tags and repositories optional, each described', () => {
		const { schema } = modelView({ resource: 'session', operation: 'create' });
		expect(Object.keys(schema.shape).sort()).toEqual([
			'Idempotency_Key',
			'Prompt',
			'Repositories',
			'Tags',
			'Title',
		]);
		expect(schema.shape.Prompt.isOptional()).toBe(false);
		for (const key of ['Title', 'Tags', 'Repositories', 'Idempotency_Key'])
			expect({ key, optional: schema.shape[key].isOptional() }).toEqual({ key, optional: true });
		const descriptions = Object.fromEntries(
			Object.entries(schema.shape).map(([key, value]) => [key, value.description]),
		);
		const inputs = Object.fromEntries(
			MODEL_INPUTS['session.create'].map((input) => [input.param, input.description]),
		);
		expect(descriptions).toEqual({
			Prompt: inputs.prompt,
			Title: inputs['additionalFields.title'],
			Tags: inputs['additionalFields.tags'],
			Repositories: inputs['additionalFields.repos'],
			Idempotency_Key: inputs['options.idempotencyKey'],
		});
		expect(schema.parse({ Prompt: 'Fix the test' })).toEqual({
			Prompt: 'Fix the test',
			Title: '',
			Tags: '',
			Repositories: '',
			Idempotency_Key: '',
		});
	});

	it('a tool caps ACUs and waits minutes, unless the builder says otherwise', () => {
		const { parameters } = modelView({
			resource: 'session',
			operation: 'create',
			waitForCompletion: true,
		});
		expect((parameters.additionalFields as INodeParameters).maxAcuLimit).toBe(10);
		expect(parameters.timeoutMinutes).toBe(5);
		const own = modelView({
			resource: 'session',
			operation: 'create',
			prompt: 'Always the same task',
			additionalFields: { maxAcuLimit: 3 },
		});
		// The Options collection keeps its model-filled Idempotency Key: one task, one session.
		expect(Object.keys(own.schema.shape)).toEqual(['Idempotency_Key']);
		expect((own.parameters.additionalFields as INodeParameters).maxAcuLimit).toBe(3);
	});

	it('every input the package lets the model fill reaches the model, described', () => {
		for (const [key, inputs] of Object.entries(MODEL_INPUTS)) {
			const [resource, operation] = key.split('.');
			const { schema } = modelView({ resource, operation });
			const described = Object.values(schema.shape).map((value) => value.description);
			for (const input of inputs)
				expect({ key, param: input.param, reaches: described.includes(input.description) }).toEqual(
					{ key, param: input.param, reaches: true },
				);
		}
	});

	it('a session is given by ID', () => {
		const { parameters, schema } = modelView({ resource: 'session', operation: 'get' });
		expect(parameters.sessionId).toMatchObject({ __rl: true, mode: 'id' });
		expect(Object.keys(schema.shape)).toEqual(['Session']);
	});

	it("quotes descriptions the way n8n's parser reads them back", () => {
		const field = { displayName: 'Max ACU Limit', name: 'x', type: 'number', default: 10 } as const;
		const text = 'Devin\'s \\ `cap` (in ACUs), "quoted"';
		const args: FromAIArgument[] = [];
		traverseNodeParameters(fromAi(field, text, true), args);
		expect(args).toEqual([
			{ key: 'Max_ACU_Limit', description: text, type: 'number', defaultValue: 10 },
		]);
	});
});
