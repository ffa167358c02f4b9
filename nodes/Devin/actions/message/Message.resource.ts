import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as getMany from './getMany.operation';

export const operations: DevinResource = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: "Get a session's conversation, oldest message first",
				action: 'Get many messages',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
