import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as create from './create.operation';
import * as deleteSecret from './delete.operation';
import * as getMany from './getMany.operation';

export const operations: DevinResource = { create, delete: deleteSecret, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['secret'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Store a secret for Devin to use',
				action: 'Create a secret',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a secret',
				action: 'Delete a secret',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List secrets (names only, never values)',
				action: 'Get many secrets',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteSecret.description,
	...getMany.description,
];
