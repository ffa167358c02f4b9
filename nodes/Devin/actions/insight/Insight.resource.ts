import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as generate from './generate.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations: DevinResource = { generate, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['insight'] } },
		options: [
			{
				name: 'Generate',
				value: 'generate',
				description: 'Have Devin analyse a session: what happened, issues, a better prompt',
				action: 'Generate insights for a session',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get a session's insights",
				action: 'Get the insights of a session',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the insights of many sessions, with the session filters',
				action: 'Get many insights',
			},
		],
		default: 'get',
	},
	...generate.description,
	...get.description,
	...getMany.description,
];
