import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CHECK_STATUS_DEFAULT_TIME_LIMIT_HOURS } from '../../constants';
import { outputOptions, toOutput } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { classifySession, devinSeconds, type SessionPhase } from '../../helpers/lifecycle';
import { fetchSession } from '../../helpers/sessions';
import { toWholeNumber } from '../../helpers/validation';
import { RoutedItem } from '../node.type';

/** The outputs of Check Status, in order; a saved workflow's connections depend on it. */
export const CHECK_STATUS_OUTPUTS = ['Finished', 'Needs Input', 'Failed', 'Still Working'];
const FINISHED = 0;
const NEEDS_INPUT = 1;
const FAILED = 2;
const STILL_WORKING = 3;

/** Which output each phase goes to. Asleep sessions wait for someone to act, like a question. */
const OUTPUT_OF_PHASE: Record<SessionPhase, number> = {
	finished: FINISHED,
	waitingForUser: NEEDS_INPUT,
	suspended: NEEDS_INPUT,
	failed: FAILED,
	blocked: FAILED,
	working: STILL_WORKING,
	unknown: STILL_WORKING,
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Routes each session to an output by its phase. For long sessions: Create → Wait node → Check Status, with Still Working wired back to the Wait node. A Wait of over 65 seconds frees the worker and survives restarts.',
		name: 'checkStatusNotice',
		type: 'notice',
		default: '',
	},
	{ ...sessionLocator, description: 'The session to check' },
	{
		displayName: 'Time Limit (Hours)',
		name: 'timeLimitHours',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: CHECK_STATUS_DEFAULT_TIME_LIMIT_HOURS,
		description:
			'A session still working this long after it was created goes to Failed with timedOut set to true, so a wait loop always ends; it keeps running in Devin. 0: no limit.',
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['checkStatus'] } },
	properties,
);

export const outputs = CHECK_STATUS_OUTPUTS;

/** Errors (with Continue On Fail) go where a wait loop ends, not back into it. */
export const errorOutput = FAILED;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<RoutedItem> {
	const sessionId = readSessionId.call(this, itemIndex);
	const limitHours =
		toWholeNumber(
			{ node: this.getNode(), itemIndex },
			'Time Limit (Hours)',
			this.getNodeParameter('timeLimitHours', itemIndex, CHECK_STATUS_DEFAULT_TIME_LIMIT_HOURS),
			0,
		) ?? CHECK_STATUS_DEFAULT_TIME_LIMIT_HOURS;
	const session = await fetchSession.call(this, sessionId, itemIndex);
	let output = OUTPUT_OF_PHASE[classifySession(session)];
	const json: IDataObject = toOutput.call(this, itemIndex, 'session', session);
	const createdAt = devinSeconds(session.created_at);
	if (output === STILL_WORKING && limitHours > 0 && createdAt > 0) {
		if (Date.now() / 1000 - createdAt > limitHours * 3600) {
			output = FAILED;
			json.timedOut = true;
		}
	}
	return new RoutedItem(output, json);
}
