import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { TRIGGER_EVENTS } from './trigger/events';
import { triggerFilterFields } from './trigger/filters';
import { pollSessions } from './trigger/poll';

/** Each event's display name by value, for the subtitle on the canvas. */
const EVENT_NAMES = JSON.stringify(
	Object.fromEntries(TRIGGER_EVENTS.map(({ value, name }) => [value, name])),
);

export class DevinTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Devin Trigger',
		name: 'devinTrigger',
		icon: { light: 'file:../../icons/devin.svg', dark: 'file:../../icons/devin.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{($parameter["events"] || []).map((event) => (${EVENT_NAMES})[event] || event).join(", ")}}`,
		description: 'Starts the workflow when Devin events occur',
		defaults: { name: 'Devin Trigger' },
		polling: true,
		builderHint: {
			searchHint:
				'Starts a workflow when a Devin session (started by the Devin node, a schedule or a person) finishes, needs input, fails, is blocked or opens a pull request. Use it for Devin tasks that take longer than a workflow should wait: one workflow creates the session without waiting, this trigger picks up the result. Each event fires once; the output is the session with phase, pullRequests and structuredOutput.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-devin.devin',
					relationHint: 'Creates the Devin sessions this trigger reports on, and replies to them',
				},
			],
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'devinApi', required: true }],
		properties: [
			{
				displayName:
					'On activation the trigger starts watching from now: what happened before does not fire. Fetch Test Event shows the latest matching session without changing anything.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['sessionFinished'],
				options: TRIGGER_EVENTS.map(({ value, name, description }) => ({
					value,
					name,
					description,
				})),
				description: 'What to start the workflow on; each event fires once, each time it happens',
			},
			triggerFilterFields,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollSessions.call(this);
	}
}
