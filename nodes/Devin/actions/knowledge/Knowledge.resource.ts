import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as create from './create.operation';
import * as deleteNote from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations: DevinResource = { create, delete: deleteNote, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['knowledge'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Teach Devin something it should recall',
				action: 'Create a knowledge note',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a knowledge note',
				action: 'Delete a knowledge note',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a knowledge note',
				action: 'Get a knowledge note',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List knowledge notes, with filters',
				action: 'Get many knowledge notes',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a knowledge note',
				action: 'Update a knowledge note',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteNote.description,
	...get.description,
	...getMany.description,
	...update.description,
];
