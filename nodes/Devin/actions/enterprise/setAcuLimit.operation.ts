import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { requireV3 } from '../../helpers/apiVersion';
import { invalidField, toWholeNumber } from '../../helpers/validation';
import { devinApiRequest } from '../../transport';
import {
	ACU_LIMIT_PERMISSIONS,
	ACU_LIMITS_PATH,
	organizationField,
	readOrganizationId,
} from './acuLimits';

const properties: INodeProperties[] = [
	organizationField,
	{
		displayName: 'Cycle ACU Limit',
		name: 'cycleAcuLimit',
		type: 'number',
		required: true,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description:
			"The most ACUs the organization's Devin sessions may use per billing cycle (a month); a whole number, 0 or more. Creates the limit or changes it.",
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['setAcuLimit'] } },
	properties,
);

/** A whole number of ACUs, 0 or more, from a field or an expression. */
function readCycleLimit(this: IExecuteFunctions, itemIndex: number): number {
	const context = { node: this.getNode(), itemIndex };
	const value = this.getNodeParameter('cycleAcuLimit', itemIndex, undefined) as unknown;
	const number = toWholeNumber(context, 'Cycle ACU Limit', value, 0);
	if (number === undefined) {
		throw invalidField(
			context,
			'Cycle ACU Limit',
			'is empty',
			'Enter how many ACUs the organization may use per billing cycle, for example 500.',
		);
	}
	return number;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	await requireV3.call(this, itemIndex, 'Enterprise: Set ACU Limit');
	const cycleAcuLimit = readCycleLimit.call(this, itemIndex);
	const organizationId = await readOrganizationId.call(this, itemIndex);
	const answer = (await devinApiRequest.call(this, {
		method: 'PUT',
		scope: 'enterprise',
		path: [...ACU_LIMITS_PATH, 'organizations', organizationId],
		body: { cycle_acu_limit: cycleAcuLimit },
		permission: ACU_LIMIT_PERMISSIONS.write,
		subject: `Organization ${organizationId}`,
		itemIndex,
	})) as unknown;
	// The limit as Devin stored it; Devin documents no answer, so without one: the limit as set.
	const limit =
		answer !== null &&
		typeof answer === 'object' &&
		!Array.isArray(answer) &&
		(answer as IDataObject).cycle_acu_limit !== undefined
			? (answer as IDataObject)
			: {
					cycle_acu_limit: cycleAcuLimit,
					scope: 'organization',
					org_id: organizationId,
					user_id: null,
				};
	return toOutput.call(this, itemIndex, 'acuLimit', limit);
}
