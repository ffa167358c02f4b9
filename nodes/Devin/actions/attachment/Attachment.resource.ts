import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as download from './download.operation';
import * as getMany from './getMany.operation';
import * as upload from './upload.operation';

export const operations: DevinResource = { download, getMany, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['attachment'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				description: 'Download an attachment as binary data',
				action: 'Download an attachment',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the files of a session, from you and from Devin',
				action: 'Get many attachments',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload a file for Devin; use its URL when creating a session',
				action: 'Upload an attachment',
			},
		],
		default: 'upload',
	},
	...download.description,
	...getMany.description,
	...upload.description,
];
