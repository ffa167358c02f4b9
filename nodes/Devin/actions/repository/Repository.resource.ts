import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as getIndexingStatus from './getIndexingStatus.operation';
import * as getMany from './getMany.operation';
import * as index from './index.operation';
import * as removeFromIndex from './removeFromIndex.operation';

export const operations: DevinResource = { getIndexingStatus, getMany, index, removeFromIndex };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['repository'] } },
		options: [
			{
				name: 'Get Indexing Status',
				value: 'getIndexingStatus',
				description: 'Whether Devin has indexed a repository, and its latest indexing jobs',
				action: 'Get the indexing status of a repository',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the repositories the organization can reach through its git connections',
				action: 'Get many repositories',
			},
			{
				name: 'Index',
				value: 'index',
				description:
					'Have Devin index repositories (idempotent: already indexed ones start no new job), optionally waiting until done',
				action: 'Index repositories',
				builderHint: {
					propertyHint:
						'Before the first session in a newly connected repository: index it with Wait Until Indexed on, then create the session.',
				},
			},
			{
				name: 'Remove From Index',
				value: 'removeFromIndex',
				description: 'Turn indexing off for repositories',
				action: 'Remove repositories from the index',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getIndexingStatus.description,
	...index.description,
	...removeFromIndex.description,
];
