import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { resources } from './actions/resources';
import { router } from './actions/router';
import {
	getKnowledgeNotes,
	getPlaybooks,
	getSecrets,
	searchKnowledgeNotes,
	searchPlaybooks,
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
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'devinApi', required: true }],
		properties: [
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
						description: 'Sessions, audit logs and consumption across organizations',
					},
					{ name: 'Insight', value: 'insight', description: "Devin's analysis of a session" },
					{
						name: 'Knowledge Note',
						value: 'knowledge',
						description: 'What Devin recalls while working',
					},
					{ name: 'Message', value: 'message', description: "A session's conversation" },
					{ name: 'Playbook', value: 'playbook', description: 'Reusable instructions' },
					{ name: 'Schedule', value: 'schedule', description: 'Tasks Devin runs on a schedule' },
					{ name: 'Secret', value: 'secret', description: 'Credentials Devin may use' },
					{ name: 'Session', value: 'session', description: 'A Devin working on a task' },
					{ name: 'Tag', value: 'tag', description: "A session's tags" },
				],
				default: 'session',
			},
			...Object.values(resources).flatMap((resource) => resource.description),
		],
	};

	methods = {
		listSearch: {
			searchKnowledgeNotes,
			searchPlaybooks,
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
