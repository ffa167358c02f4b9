import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as getAuditLogs from './getAuditLogs.operation';
import * as getConsumption from './getConsumption.operation';
import * as getManySessions from './getManySessions.operation';

export const operations: DevinResource = { getAuditLogs, getConsumption, getManySessions };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['enterprise'] } },
		options: [
			{
				name: 'Get Audit Logs',
				value: 'getAuditLogs',
				description: "Get the enterprise's audit log entries",
				action: 'Get audit logs',
			},
			{
				name: 'Get Consumption',
				value: 'getConsumption',
				description: 'Get ACU consumption per day',
				action: 'Get consumption',
			},
			{
				name: 'Get Many Sessions',
				value: 'getManySessions',
				description: 'List sessions across organizations (only the ones you name)',
				action: 'Get many enterprise sessions',
			},
		],
		default: 'getManySessions',
	},
	...getAuditLogs.description,
	...getConsumption.description,
	...getManySessions.description,
];
