import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readOutputSettings, readSwitch, toOutput } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { readWaitTiming, waitForCompletionFields, waitTimingFields } from '../../descriptions/wait';
import { requireV3 } from '../../helpers/apiVersion';
import { toCamelCase } from '../../helpers/mapping';
import { explainToModel } from '../../helpers/modelErrors';
import { pollUntil } from '../../helpers/poll';
import { devinApiRequest } from '../../transport';
import { fetchInsights } from './insights';

const properties: INodeProperties[] = [
	{ ...sessionLocator, description: 'The session to analyse' },
	...waitForCompletionFields(
		'Whether to wait until the analysis is ready and output the insights; otherwise the node outputs whether generation started',
		waitTimingFields,
	),
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['insight'], operation: ['generate'] } },
	properties,
);

const hasAnalysis = (insights: IDataObject) =>
	insights.analysis !== null && insights.analysis !== undefined;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	await requireV3.call(this, itemIndex, 'Insight: Generate');
	const sessionId = readSessionId.call(this, itemIndex);
	const wait = readSwitch.call(this, 'waitForCompletion', itemIndex, 'Wait for Completion');
	const timing = wait ? readWaitTiming.call(this, itemIndex) : undefined;
	// Devin answers `started`, or `already_exists` when a generation was started before.
	const started = await devinApiRequest.call(this, {
		method: 'POST',
		path: ['sessions', sessionId, 'insights', 'generate'],
		permission: 'ManageOrgSessions',
		subject: `Session ${sessionId}`,
		expects: { kind: 'object', id: 'status' },
		itemIndex,
	});
	if (!timing)
		return readOutputSettings.call(this, itemIndex).raw
			? started
			: toCamelCase<IDataObject>(started);

	const insights = await pollUntil<IDataObject, IDataObject>(
		this,
		{ ...timing, itemIndex },
		async () => {
			const state = await fetchInsights.call(this, sessionId, itemIndex);
			return {
				state,
				verdict: hasAnalysis(state) ? { done: true, value: state } : { done: false },
			};
		},
		() =>
			explainToModel(
				new NodeOperationError(
					this.getNode(),
					`The insights of session ${sessionId} are not ready yet`,
					{
						description:
							'Devin is still analysing the session. Raise Timeout (Minutes), or use the Get operation later.',
						itemIndex,
					},
				),
				`The insights of session ${sessionId} are not ready yet; Devin is still analysing it. Get the session's insights again later.`,
			),
	);
	return { ...toOutput.call(this, itemIndex, 'insight', insights), generation: started.status };
}
