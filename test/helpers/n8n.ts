import { ExecuteContext, LoadOptionsContext, PollContext, RoutingNode } from 'n8n-core';
import get from 'lodash/get';
import { deepCopy, NodeConnectionTypes, Workflow } from 'n8n-workflow';
import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { DevinApi } from '../../credentials/DevinApi.credentials';
import { Devin } from '../../nodes/Devin/Devin.node';
import { DevinTrigger } from '../../nodes/Devin/DevinTrigger.node';
import { pollSessions } from '../../nodes/Devin/trigger/poll';

export type DevinCredentials = ICredentialDataDecryptedObject & {
	apiKey: string;
	baseUrl: string;
	organizationId?: string;
	apiVersion?: 'auto' | 'v3' | 'v1';
	allowImpersonation?: boolean;
};

const credentialType = new DevinApi();

function nodeTypesFor(nodeType: INodeType): INodeTypes {
	return {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
}

/** How often n8n was asked for the decrypted credential; real n8n reads its database each time. */
export const credentialLoads = { count: 0 };

/** What n8n's CredentialsHelper does: hand out the decrypted credential and apply its `authenticate`. */
function credentialsHelper(credentials: DevinCredentials) {
	return {
		getParentTypes: () => [],
		preAuthentication: async () => undefined,
		getDecrypted: async () => {
			credentialLoads.count += 1;
			return { ...credentials };
		},
		getCredentialsProperties: () => credentialType.properties,
		isCredentialUsableByNode: () => true,
		authenticate: async (
			decrypted: ICredentialDataDecryptedObject,
			_type: string,
			options: IHttpRequestOptions,
		): Promise<IHttpRequestOptions> => await credentialType.authenticate(decrypted, options),
	};
}

/**
 * The node as n8n offers it to an AI agent (n8n's `convertNodeToAiTool`, which lives in its CLI
 * package): `devinTool`, no main input, an ai_tool output, and n8n's own Tool Description fields
 * only when the node does not define `toolDescription` itself.
 */
export function asTool(nodeType: INodeType): INodeType {
	const description = deepCopy(nodeType.description);
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	if (!description.properties.some((property) => property.name === 'toolDescription')) {
		description.properties.unshift(
			{
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Set Automatically', value: 'auto' },
					{ name: 'Set Manually', value: 'manual' },
				],
				default: 'auto',
			},
			{
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: nodeType.description.description,
				displayOptions: { show: { descriptionType: ['manual'] } },
			},
		);
	}
	return { description, methods: nodeType.methods, execute: nodeType.execute } as INodeType;
}

export interface RunOptions {
	/** The node's parameters as a workflow would save them. */
	parameters: Record<string, unknown>;
	credentials: DevinCredentials;
	items?: INodeExecutionData[];
	/** `devinTool` runs it the way an AI agent does. */
	nodeTypeName?: 'devin' | 'devinTool';
	continueOnFail?: boolean;
	abortSignal?: AbortSignal;
	timezone?: string;
}

function buildWorkflow(
	parameters: Record<string, unknown>,
	options: Pick<RunOptions, 'continueOnFail' | 'timezone'> & { nodeTypeName?: string },
	nodeType: INodeType = new Devin(),
) {
	const node: INode = {
		id: 'devin-node',
		name: 'Devin',
		type: `CUSTOM.${options.nodeTypeName ?? 'devin'}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
		credentials: { devinApi: { id: 'cred-1', name: 'Devin account' } },
		onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'Test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor(nodeType),
		settings: { timezone: options.timezone ?? 'UTC' },
	});
	return { node, workflow };
}

function additionalDataFor(credentials: DevinCredentials): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: credentialsHelper(credentials),
		executionId: 'test-execution',
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs the Devin node's `execute` in a real n8n-core ExecuteContext, with real HTTP. */
export async function runNode(options: RunOptions): Promise<INodeExecutionData[]> {
	return (await runNodeOutputs(options))[0];
}

/** Like `runNode`, with every output of the node (Check Status has four). */
export async function runNodeOutputs(options: RunOptions): Promise<INodeExecutionData[][]> {
	const tool = options.nodeTypeName === 'devinTool';
	const { node, workflow } = buildWorkflow(
		options.parameters,
		options,
		tool ? asTool(new Devin()) : new Devin(),
	);
	const items = options.items ?? [{ json: {} }];
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			nodeExecutionStack: [],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(options.credentials),
		'manual',
		runExecutionData,
		0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: null },
		[],
		options.abortSignal,
	);
	return await new Devin().execute.call(context);
}

/** Runs a list-search method (the From List dropdown) in a real LoadOptionsContext. */
export async function runListSearch(
	method: keyof Devin['methods']['listSearch'],
	credentials: DevinCredentials,
	filter?: string,
	paginationToken?: string,
) {
	const { node, workflow } = buildWorkflow({}, {});
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalDataFor(credentials),
		'parameters',
	);
	return await new Devin().methods.listSearch[method].call(context, filter, paginationToken);
}

/** n8n's clock as the trigger sees it, in tests: frozen, or moved by the test. */
export interface TestClock {
	nowSeconds(): number;
	nowMs(): number;
}

export interface PollOptions {
	parameters: Record<string, unknown>;
	credentials: DevinCredentials;
	/** The node's static data; kept by the caller between polls, as n8n keeps it. */
	staticData: Record<string, unknown>;
	mode?: 'trigger' | 'manual';
	clock?: TestClock;
	budgetMs?: number;
}

/** Runs the Devin Trigger's poll in a real n8n-core PollContext. */
export async function runPoll(options: PollOptions) {
	const { node, workflow } = buildWorkflow(
		options.parameters,
		{ nodeTypeName: 'devinTrigger' },
		new DevinTrigger(),
	);
	const context = new PollContext(
		workflow,
		node,
		additionalDataFor(options.credentials),
		options.mode ?? 'trigger',
		'activate',
		undefined,
		undefined,
		undefined,
		undefined,
		() => options.staticData as IDataObject,
		options.budgetMs === undefined ? undefined : () => options.budgetMs as number,
	);
	return options.clock
		? await pollSessions.call(context, options.clock)
		: await new DevinTrigger().poll.call(context);
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * What n8n's CredentialsTester does with the credential's `test` (n8n 2.41 and 1.123): the request
 * runs through n8n-core's RoutingNode; a failed status takes the matching `responseCode` rule's
 * message, a connection failure shows its bare code, a success is checked by the
 * `responseSuccessBody` rules (lodash `get` on the parsed body).
 */
export async function runCredentialTest(
	credentials: DevinCredentials,
): Promise<CredentialTestResult> {
	const { request, rules = [] } = credentialType.test;
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'devinApi', required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' },
			],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { devinApi: { id: 'cred-1', name: 'Devin account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor(nodeType),
	});
	const items: INodeExecutionData[] = [{ json: {} }];
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(credentials),
		'internal',
		{ resultData: { runData: {} } } as unknown as IRunExecutionData,
		0,
		[],
		{ main: [items] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: 'cred-1',
		name: 'Devin account',
		type: 'devinApi',
		data: credentials,
	});
	const allRules = rules as Array<
		IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody
	>;
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const cause = error.cause as {
			response?: { status: number; statusText: string };
			code?: string;
		};
		if (cause?.response) {
			const rule = allRules.find(
				(entry) =>
					entry.type === 'responseCode' && entry.properties.value === cause.response?.status,
			);
			if (rule) return { status: 'Error', message: rule.properties.message };
			return {
				status: 'Error',
				message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}`,
			};
		}
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: String(error.message) };
	}
	const body = response?.[0]?.[0]?.json;
	for (const rule of allRules) {
		if (
			rule.type === 'responseSuccessBody' &&
			get(body, rule.properties.key) === rule.properties.value
		)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
