/** What a failing node run threw: a NodeApiError or NodeOperationError, as n8n would show it. */
export interface NodeFailure {
	message: string;
	description?: string | null;
	httpCode?: string | null;
	messages?: string[];
	cause?: unknown;
	context: { itemIndex?: number };
}

/** The error a run fails with; fails the test if it succeeds. */
export async function failure(run: Promise<unknown>): Promise<NodeFailure> {
	try {
		await run;
	} catch (error) {
		return error as NodeFailure;
	}
	throw new Error('expected the node to fail');
}
