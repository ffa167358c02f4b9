'use strict';

/**
 * Runs the built Devin node and trigger inside n8n-core's real execution contexts, in this
 * process, over real HTTP: what `test/helpers/n8n.ts` does for jest, for the benchmark.
 */
const os = require('node:os');
const path = require('node:path');

// n8n-core reads an instance folder and an encryption key: keep both out of $HOME, as the tests do.
process.env.N8N_USER_FOLDER = path.join(os.tmpdir(), 'n8n-nodes-devin-bench');
process.env.N8N_ENCRYPTION_KEY = 'n8n-nodes-devin-bench-encryption';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
require('reflect-metadata');
const { ExecuteContext, PollContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const { DevinApi } = require(path.join(DIST, 'credentials', 'DevinApi.credentials.js'));
const { Devin } = require(path.join(DIST, 'nodes', 'Devin', 'Devin.node.js'));
const { DevinTrigger } = require(path.join(DIST, 'nodes', 'Devin', 'DevinTrigger.node.js'));
const { pollSessions } = require(path.join(DIST, 'nodes', 'Devin', 'trigger', 'poll.js'));

const credentialType = new DevinApi();

/** n8n's CredentialsHelper, as the jest harness has it: the decrypted credential and its `authenticate`. */
function credentialsHelper(credentials) {
	return {
		getParentTypes: () => [],
		preAuthentication: async () => undefined,
		getDecrypted: async () => ({ ...credentials }),
		getCredentialsProperties: () => credentialType.properties,
		isCredentialUsableByNode: () => true,
		authenticate: async (decrypted, _type, options) =>
			await credentialType.authenticate(decrypted, options),
	};
}

function build(parameters, nodeType, typeName) {
	const node = {
		id: 'devin-node',
		name: 'Devin',
		type: `CUSTOM.${typeName}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { devinApi: { id: 'cred-1', name: 'Devin account' } },
	};
	const workflow = new Workflow({
		id: 'wf-bench',
		name: 'Benchmark',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
		settings: { timezone: 'UTC' },
	});
	return { node, workflow };
}

/** The Devin node's output items for `parameters`, run once over one input item. */
async function runNode(parameters, credentials, abortSignal) {
	const nodeType = new Devin();
	const { node, workflow } = build(parameters, nodeType, 'devin');
	const items = [{ json: {} }];
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			nodeExecutionStack: [],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};
	const context = new ExecuteContext(
		workflow,
		node,
		{ credentialsHelper: credentialsHelper(credentials), executionId: 'bench' },
		'manual',
		runExecutionData,
		0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: null },
		[],
		abortSignal,
	);
	return (await nodeType.execute.call(context))[0];
}

/** One poll of the Devin Trigger with `staticData` kept by the caller, as n8n keeps it. */
async function runPoll(parameters, credentials, staticData, clock) {
	const nodeType = new DevinTrigger();
	const { node, workflow } = build(parameters, nodeType, 'devinTrigger');
	const context = new PollContext(
		workflow,
		node,
		{ credentialsHelper: credentialsHelper(credentials), executionId: 'bench' },
		'trigger',
		'activate',
		undefined,
		undefined,
		undefined,
		undefined,
		() => staticData,
	);
	return await pollSessions.call(context, clock);
}

module.exports = { DIST, runNode, runPoll };
