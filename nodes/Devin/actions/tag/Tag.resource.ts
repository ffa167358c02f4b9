import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as add from './add.operation';
import * as get from './get.operation';
import * as replace from './replace.operation';

export const operations: DevinResource = { add, get, replace };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add tags to a session, keeping the ones it has',
				action: 'Add tags to a session',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get a session's tags",
				action: 'Get the tags of a session',
			},
			{
				name: 'Replace',
				value: 'replace',
				description: "Replace all of a session's tags",
				action: 'Replace the tags of a session',
			},
		],
		default: 'add',
	},
	...add.description,
	...get.description,
	...replace.description,
];
