import type { INodeProperties } from 'n8n-workflow';

import type { DevinResource } from '../node.type';
import * as deleteAcuLimit from './deleteAcuLimit.operation';
import * as getAuditLogs from './getAuditLogs.operation';
import * as getConsumption from './getConsumption.operation';
import * as getManyAcuLimits from './getManyAcuLimits.operation';
import * as getManySessions from './getManySessions.operation';
import * as setAcuLimit from './setAcuLimit.operation';

export const operations: DevinResource = {
	deleteAcuLimit,
	getAuditLogs,
	getConsumption,
	getManyAcuLimits,
	getManySessions,
	setAcuLimit,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['enterprise'] } },
		options: [
			{
				name: 'Delete ACU Limit',
				value: 'deleteAcuLimit',
				description:
					"Remove an organization's own ACU limit per billing cycle (needs an enterprise key with ManageBilling)",
				action: 'Delete an ACU limit',
			},
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
				name: 'Get Many ACU Limits',
				value: 'getManyAcuLimits',
				description:
					'List the ACU limits per billing cycle of the enterprise, its organizations and users',
				action: 'Get many ACU limits',
			},
			{
				name: 'Get Many Sessions',
				value: 'getManySessions',
				description: 'List sessions across organizations (only the ones you name)',
				action: 'Get many enterprise sessions',
			},
			{
				name: 'Set ACU Limit',
				value: 'setAcuLimit',
				description:
					'Create or change how many ACUs an organization may use per billing cycle (needs an enterprise key with ManageBilling)',
				action: 'Set an ACU limit',
			},
		],
		default: 'getManySessions',
	},
	...getAuditLogs.description,
	...getConsumption.description,
	...getManySessions.description,
	...getManyAcuLimits.description,
	...setAcuLimit.description,
	...deleteAcuLimit.description,
];
