import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { isToolMode, readOutputSettings } from '../descriptions/common';
import { messageForModel } from '../helpers/modelErrors';
import { redactSecrets } from '../transport/errors';
import { ItemWithBinary, RoutedItem, type DevinResource } from './node.type';
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

/** The per-item loop: dispatch, `pairedItem` on every output, Continue On Fail, errors with their item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const operationKey = `${resource}.${operation}`;
	const handler = resources[resource]?.[operation];
	const toolMode = isToolMode.call(this);
	// An AI agent's tool has a single output: routed items all go there.
	const routed = handler?.outputs !== undefined && !toolMode;
	const outputs: INodeExecutionData[][] = Array.from(
		{ length: routed ? (handler?.outputs?.length ?? 1) : 1 },
		() => [],
	);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" on "${resource}" is not supported`,
					{
						itemIndex,
					},
				);
			}
			// The Options every operation shares are checked before it sends anything.
			readOutputSettings.call(this, itemIndex);
			const result = await handler.execute.call(this, itemIndex);
			if (result instanceof ItemWithBinary) {
				outputs[0].push({
					json: result.json,
					binary: result.binary,
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			if (result instanceof RoutedItem) {
				outputs[routed ? result.output : 0].push({
					json: result.json,
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			const results: IDataObject[] = Array.isArray(result) ? result : [result];
			for (const json of results) outputs[0].push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError.call(this, error, itemIndex);
			// A model reads the message (n8n may add the description): one text for it, nothing internal.
			if (toolMode) {
				nodeError.message = messageForModel(nodeError, operationKey);
				nodeError.description = undefined;
			}
			if (this.continueOnFail()) {
				const json: IDataObject = { error: nodeError.message };
				if (nodeError.description) json.description = nodeError.description;
				if (nodeError instanceof NodeApiError && nodeError.httpCode)
					json.httpCode = nodeError.httpCode;
				outputs[routed ? (handler?.errorOutput ?? 0) : 0].push({
					json,
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw nodeError;
		}
	}
	return outputs;
}
