import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import * as session from './actions/session/Session.resource';
import { searchSessions } from './methods';

export class Devin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Devin',
		name: 'devin',
		icon: { light: 'file:../../icons/devin.svg', dark: 'file:../../icons/devin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Start and steer Devin sessions: create, message, wait for the result, terminate and archive',
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
				options: [{ name: 'Session', value: 'session' }],
				default: 'session',
			},
			...session.description,
		],
	};

	methods = {
		listSearch: { searchSessions },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
