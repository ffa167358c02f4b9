import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as get from './get.operation';

export const operations: DevinResource = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Who the API key is: principal type, service user and organization',
				action: 'Get the account of the API key',
			},
		],
		default: 'get',
	},
	...get.description,
];
