import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, toOutput } from '../../descriptions/common';
import { requireApiVersion } from '../../helpers/apiVersion';
import { devinApiRequest, getApiContext } from '../../transport';

const properties: INodeProperties[] = [outputOptions()];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { version } = await getApiContext.call(this);
	requireApiVersion(this.getNode(), itemIndex, 'Account: Get', 'v3', version);
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
