import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireV3 } from '../../helpers/apiVersion';
import { devinApiRequest } from '../../transport';
import {
	ACU_LIMIT_PERMISSIONS,
	ACU_LIMITS_PATH,
	deleted,
	organizationField,
	readOrganizationId,
} from './acuLimits';

const properties: INodeProperties[] = [organizationField];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['deleteAcuLimit'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	await requireV3.call(this, itemIndex, 'Enterprise: Delete ACU Limit');
	const organizationId = await readOrganizationId.call(this, itemIndex);
	await devinApiRequest.call(this, {
		method: 'DELETE',
		scope: 'enterprise',
		path: [...ACU_LIMITS_PATH, 'organizations', organizationId],
		permission: ACU_LIMIT_PERMISSIONS.write,
		subject: `The ACU limit of organization ${organizationId}`,
		expects: { kind: 'nothing' },
		itemIndex,
	});
	return deleted(organizationId);
}
