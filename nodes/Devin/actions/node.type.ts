import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** An output item that carries a file as well as JSON. */
export class ItemWithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** An output item for one of an operation's several outputs. */
export class RoutedItem {
	constructor(
		readonly output: number,
		readonly json: IDataObject,
	) {}
}

export type OperationResult = IDataObject | IDataObject[] | ItemWithBinary | RoutedItem;

/** One operation: its fields and what it does for item `itemIndex`. */
export interface DevinOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
	/** The names of its outputs, when it has more than one (see `nodeOutputs` in Devin.node.ts). */
	outputs?: string[];
	/** The output that Continue On Fail items go to (default the first). */
	errorOutput?: number;
}

export type DevinResource = Record<string, DevinOperation>;
