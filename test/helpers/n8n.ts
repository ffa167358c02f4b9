import { ExecuteContext, LoadOptionsContext, PollContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
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

/**
 * What n8n's CredentialsHelper does for a generic `authenticate`: resolve each expression against
 * the credential and merge it into the request. The real class lives in n8n's CLI package.
 */
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
			workflow: Workflow,
			node: INode,
		): Promise<IHttpRequestOptions> => {
			const result: IHttpRequestOptions = { ...options, headers: { ...(options.headers ?? {}) } };
			const headers = credentialType.authenticate.properties.headers ?? {};
			for (const [name, value] of Object.entries(headers)) {
				(result.headers as IDataObject)[name] = workflow.expression.getSimpleParameterValue(
					node,
					value as string,
					'internal',
					{ $credentials: decrypted },
					undefined,
					'',
				) as string;
			}
			return result;
		},
	};
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
	const { node, workflow } = buildWorkflow(options.parameters, options);
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
	const output = await new Devin().execute.call(context);
	return output[0];
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
