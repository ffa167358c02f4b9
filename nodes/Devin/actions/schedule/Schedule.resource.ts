import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as create from './create.operation';
import * as deleteSchedule from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations: DevinResource = { create, delete: deleteSchedule, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['schedule'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Have Devin run a task on a schedule',
				action: 'Create a schedule',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a schedule',
				action: 'Delete a schedule',
			},
			{ name: 'Get', value: 'get', description: 'Get a schedule', action: 'Get a schedule' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List schedules',
				action: 'Get many schedules',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change, pause or resume a schedule',
				action: 'Update a schedule',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteSchedule.description,
	...get.description,
	...getMany.description,
	...update.description,
];
