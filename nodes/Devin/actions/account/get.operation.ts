import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { requireV3 } from '../../helpers/apiVersion';
import { devinApiRequest } from '../../transport';

const properties: INodeProperties[] = [outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	await requireV3.call(this, itemIndex, 'Account: Get');
	const self = await devinApiRequest.call(this, {
		method: 'GET',
		scope: 'account',
		path: ['self'],
		permission: 'ReadAccountMeta',
		expects: { kind: 'object', id: 'principal_type' },
		itemIndex,
	});
	return toOutput.call(this, itemIndex, 'account', self);
}
