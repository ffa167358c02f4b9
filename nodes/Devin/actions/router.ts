import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { READ_CONCURRENCY } from '../constants';
import { isToolMode, readOutputSettings } from '../descriptions/common';
import { messageForModel } from '../helpers/modelErrors';
import { redactSecrets } from '../transport/errors';
import { ItemWithBinary, RoutedItem, type DevinResource, type OperationResult } from './node.type';
import { resources as resourceModules } from './resources';

const resources: Record<string, DevinResource> = Object.fromEntries(
	Object.entries(resourceModules).map(([name, module]) => [name, module.operations]),
);

function asNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = redactSecrets(error instanceof Error ? error.message : String(error));
	return new NodeOperationError(this.getNode(), message, { itemIndex });
}

/**
 * The node's outputs as an n8n expression: one, or the named outputs of an operation that has
 * several (Session → Check Status). The editor and the engine both evaluate it.
 */
export function nodeOutputs(): `={{${string}}}` {
	const routed = Object.entries(resources).flatMap(([resource, operations]) =>
		Object.entries(operations)
			.filter(([, operation]) => operation.outputs !== undefined)
			.map(([name, operation]) => ({ resource, name, outputs: operation.outputs as string[] })),
	);
	const branches = routed.map(
		({ resource, name, outputs }) =>
			`$parameter.resource === ${JSON.stringify(resource)} && $parameter.operation === ${JSON.stringify(name)} ? ${JSON.stringify(outputs.map((displayName) => ({ type: 'main', displayName })))} : `,
	);
	return `={{ ${branches.join('')}["main"] }}`;
}

/**
 * Operations that only read: their items run a few at a time, as n8n's HTTP Request node sends its
 * requests together. Everything that writes, costs money or waits runs one item after the other.
 */
const READ_ONLY: Record<string, string[]> = {
	account: ['get'],
	attachment: ['getMany', 'download'],
	enterprise: ['getManySessions', 'getAuditLogs', 'getConsumption', 'getManyAcuLimits'],
	insight: ['get', 'getMany'],
	knowledge: ['get', 'getMany'],
	message: ['getMany'],
	playbook: ['get', 'getMany'],
	repository: ['getMany', 'getIndexingStatus'],
	schedule: ['get', 'getMany'],
	secret: ['getMany'],
	session: ['get', 'getMany', 'checkStatus'],
	tag: ['get'],
};

type Settled = { ok: true; value: OperationResult } | { ok: false; error: unknown };

/**
 * Runs `run` for every item, at most `concurrency` at once, in item order. With `stopOnError`, no
 * item starts after one has failed (those already running finish), as a sequential loop would.
 */
async function settleItems(
	count: number,
	concurrency: number,
	stopOnError: boolean,
	run: (itemIndex: number) => Promise<OperationResult>,
): Promise<Settled[]> {
	const settled: Settled[] = [];
	let nextIndex = 0;
	let failed = false;
	const worker = async () => {
		while (nextIndex < count && !(stopOnError && failed)) {
			const itemIndex = nextIndex++;
			try {
				settled[itemIndex] = { ok: true, value: await run(itemIndex) };
			} catch (error) {
				settled[itemIndex] = { ok: false, error };
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return settled;
}

/** The per-item loop: dispatch, `pairedItem` on every output, Continue On Fail, errors with their item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Both are fixed for the node (no expressions), so they are read once.
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const operationKey = `${resource}.${operation}`;
	const handler = resources[resource]?.[operation];
	const toolMode = isToolMode.call(this);
	const continueOnFail = this.continueOnFail();
	// An AI agent's tool has a single output: routed items all go there.
	const routed = handler?.outputs !== undefined && !toolMode;
	const outputs: INodeExecutionData[][] = Array.from(
		{ length: routed ? (handler?.outputs?.length ?? 1) : 1 },
		() => [],
	);
	const concurrency = READ_ONLY[resource]?.includes(operation) ? READ_CONCURRENCY : 1;
	const settled = await settleItems(
		items.length,
		concurrency,
		!continueOnFail,
		async (itemIndex) => {
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" on "${resource}" is not supported`,
					{ itemIndex },
				);
			}
			// The Options every operation shares are checked before it sends anything.
			readOutputSettings.call(this, itemIndex);
			return await handler.execute.call(this, itemIndex);
		},
	);

	for (let itemIndex = 0; itemIndex < settled.length; itemIndex++) {
		const outcome = settled[itemIndex];
		const pairedItem = { item: itemIndex };
		if (outcome.ok) {
			const result = outcome.value;
			if (result instanceof ItemWithBinary) {
				outputs[0].push({ json: result.json, binary: result.binary, pairedItem });
				continue;
			}
			if (result instanceof RoutedItem) {
				outputs[routed ? result.output : 0].push({ json: result.json, pairedItem });
				continue;
			}
			const results: IDataObject[] = Array.isArray(result) ? result : [result];
			for (const json of results) outputs[0].push({ json, pairedItem });
			continue;
		}
		const nodeError = asNodeError.call(this, outcome.error, itemIndex);
		// A model reads the message (n8n may add the description): one text for it, nothing internal.
		if (toolMode) {
			nodeError.message = messageForModel(nodeError, operationKey);
			nodeError.description = undefined;
		}
		if (continueOnFail) {
			const json: IDataObject = { error: nodeError.message };
			if (nodeError.description) json.description = nodeError.description;
			if (nodeError instanceof NodeApiError && nodeError.httpCode)
				json.httpCode = nodeError.httpCode;
			outputs[routed ? (handler?.errorOutput ?? 0) : 0].push({ json, pairedItem });
			continue;
		}
		throw nodeError;
	}
	return outputs;
}
