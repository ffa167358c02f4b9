import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as create from './create.operation';
import * as deletePlaybook from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations: DevinResource = { create, delete: deletePlaybook, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['playbook'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Write reusable instructions for Devin',
				action: 'Create a playbook',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a playbook',
				action: 'Delete a playbook',
			},
			{ name: 'Get', value: 'get', description: 'Get a playbook', action: 'Get a playbook' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List playbooks',
				action: 'Get many playbooks',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a playbook',
				action: 'Update a playbook',
			},
		],
		default: 'create',
	},
	...create.description,
	...deletePlaybook.description,
	...get.description,
	...getMany.description,
	...update.description,
];
