import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { resources } from './actions/resources';
import { nodeOutputs, router } from './actions/router';
import { withToolVariants } from './descriptions/tool';
import {
	getKnowledgeNotes,
	getPlaybooks,
	getSecrets,
	searchKnowledgeNotes,
	searchPlaybooks,
	searchRepositories,
	searchSchedules,
	searchSecrets,
	searchSessions,
} from './methods';

export class Devin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Devin',
		name: 'devin',
		icon: { light: 'file:../../icons/devin.svg', dark: 'file:../../icons/devin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Consume Devin API',
		defaults: { name: 'Devin' },
		usableAsTool: true,
		builderHint: {
			searchHint:
				"Hands a software task (fix a bug, build a feature, review or refactor code, open a pull request) to Devin, Cognition's AI software engineer, which works in the organization's repositories. Typical flow: Session → Create with a precise prompt naming the repository and how to verify the result, Wait for Completion on (bounded by a timeout), then use pullRequests[0].prUrl or structuredOutput from the output in the next node. Ask for structured output with a JSON example to get machine-readable results. For tasks longer than a workflow should wait, create without waiting and start a second workflow with the Devin Trigger (event Session Finished). Sessions cost ACUs: keep Max ACU Limit set. Repository → Index with Wait Until Indexed prepares a new repository before its first session.",
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-devin.devinTrigger',
					relationHint:
						'Starts a workflow when a Devin session finishes, needs input, fails or opens a pull request; use it instead of waiting for long sessions',
				},
			],
			extraTypeDefContent: [
				{
					displayOptions: { show: { resource: ['session'], operation: ['create'] } },
					content: `<patterns>
// Create a session, wait for it, then use its pull request and structured output.
const devin = node({
  type: 'n8n-nodes-devin.devin',
  version: 1,
  config: {
    name: 'Devin: fix the bug',
    parameters: {
      resource: 'session',
      operation: 'create',
      prompt: expr('In acme/web, fix this bug and open a pull request: {{ $json.body }}'),
      waitForCompletion: true,
      timeoutMinutes: 60,
      additionalFields: {
        title: expr('Fix: {{ $json.title }}'),
        maxAcuLimit: 10,
        structuredOutputSchemaType: 'fromJson',
        structuredOutputExample: '{"summary": "what changed", "pullRequestUrl": "https://github.com/acme/web/pull/1"}',
      },
    },
  },
});
// Next node: expr('{{ $json.pullRequests[0].prUrl }}') and expr('{{ $json.structuredOutput.summary }}');
// route on $json.phase: finished, waitingForUser, failed or blocked.
</patterns>`,
				},
			],
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: nodeOutputs(),
		credentials: [{ name: 'devinApi', required: true }],
		properties: withToolVariants([
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account', description: 'Who the API key is' },
					{ name: 'Attachment', value: 'attachment', description: 'Files for and from Devin' },
					{
						name: 'Enterprise',
						value: 'enterprise',
						description: 'Sessions, audit logs, consumption and ACU limits across organizations',
					},
					{ name: 'Insight', value: 'insight', description: "Devin's analysis of a session" },
					{
						name: 'Knowledge Note',
						value: 'knowledge',
						description: 'What Devin recalls while working',
					},
					{ name: 'Message', value: 'message', description: "A session's conversation" },
					{ name: 'Playbook', value: 'playbook', description: 'Reusable instructions' },
					{
						name: 'Repository',
						value: 'repository',
						description: 'Repositories Devin can reach, and their indexing',
						builderHint: {
							propertyHint:
								'To list the repositories Devin can work in, or to index a new repository (and wait until indexed) before its first session.',
						},
					},
					{ name: 'Schedule', value: 'schedule', description: 'Tasks Devin runs on a schedule' },
					{ name: 'Secret', value: 'secret', description: 'Credentials Devin may use' },
					{
						name: 'Session',
						value: 'session',
						description: 'A Devin working on a task',
						builderHint: {
							propertyHint:
								'For Devin doing work: create a session on a task, wait for it, message it, read its pull requests and structured output.',
						},
					},
					{ name: 'Tag', value: 'tag', description: "A session's tags" },
				],
				default: 'session',
			},
			...Object.values(resources).flatMap((resource) => resource.description),
		]),
	};

	methods = {
		listSearch: {
			searchKnowledgeNotes,
			searchPlaybooks,
			searchRepositories,
			searchSchedules,
			searchSecrets,
			searchSessions,
		},
		loadOptions: { getKnowledgeNotes, getPlaybooks, getSecrets },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
