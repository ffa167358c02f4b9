import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { isToolMode, readOutputSettings } from '../descriptions/common';
import { redactSecrets } from '../transport/errors';
import { ItemWithBinary, type DevinResource } from './node.type';
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

/** The per-item loop: dispatch, `pairedItem` on every output, Continue On Fail, errors with their item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = resources[resource]?.[operation];
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
				output.push({ json: result.json, binary: result.binary, pairedItem: { item: itemIndex } });
				continue;
			}
			const results: IDataObject[] = Array.isArray(result) ? result : [result];
			for (const json of results) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError.call(this, error, itemIndex);
			// An agent sees only the message: give it the fix too, in plain text.
			if (
				isToolMode.call(this) &&
				nodeError.description &&
				!nodeError.message.includes(nodeError.description)
			) {
				nodeError.message = `${nodeError.message}. ${nodeError.description}`;
			}
			if (this.continueOnFail()) {
				const json: IDataObject = { error: nodeError.message };
				if (nodeError.description) json.description = nodeError.description;
				if (nodeError instanceof NodeApiError && nodeError.httpCode)
					json.httpCode = nodeError.httpCode;
				output.push({ json, pairedItem: { item: itemIndex } });
				continue;
			}
			throw nodeError;
		}
	}
	return [output];
}
