import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as archive from './archive.operation';
import * as checkStatus from './checkStatus.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as sendMessage from './sendMessage.operation';
import * as terminate from './terminate.operation';
import * as waitForCompletion from './waitForCompletion.operation';

export const operations: DevinResource = {
	archive,
	checkStatus,
	create,
	get,
	getMany,
	sendMessage,
	terminate,
	waitForCompletion,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{
				name: 'Archive',
				value: 'archive',
				description: 'Archive a session: it stays viewable but can no longer be messaged',
				action: 'Archive a session',
			},
			{
				name: 'Check Status',
				value: 'checkStatus',
				description:
					'Route a session to Finished, Needs Input, Failed or Still Working; with a Wait node, a wait that survives restarts',
				action: 'Check the status of a session',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Start a Devin session on a task, optionally waiting for the result',
				action: 'Create a session',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a session and its status',
				action: 'Get a session',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List sessions, with filters',
				action: 'Get many sessions',
			},
			{
				name: 'Send Message',
				value: 'sendMessage',
				description: 'Send Devin a message in a session; wakes a suspended session',
				action: 'Send a message to a session',
			},
			{
				name: 'Terminate',
				value: 'terminate',
				description: 'End a session for good',
				action: 'Terminate a session',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				description:
					'Wait until a session finishes, fails, needs input or is blocked; holds the execution meanwhile',
				action: 'Wait for a session to complete',
			},
		],
		default: 'create',
	},
	...checkStatus.description,
	...create.description,
	...get.description,
	...getMany.description,
	...sendMessage.description,
	...terminate.description,
	...archive.description,
	...waitForCompletion.description,
];
