import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readLimit, returnAllFields, toOutputs } from '../../descriptions/common';
import { readSessionFilters, sessionFilters } from '../../descriptions/sessionFilters';
import { requireApiVersion } from '../../helpers/apiVersion';
import { read, type FieldSpec } from '../../helpers/fields';
import { getApiContext, resolveOrganizationId } from '../../transport';
import { collectItems } from '../../transport/pagination';

const properties: INodeProperties[] = [
	...returnAllFields(),
	sessionFilters([
		{
			displayName: 'Organization IDs',
			name: 'organizationIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. org-abc123, org-def456',
			description:
				"Comma-separated organizations to list sessions from. Empty means the credential's organization, never all of them.",
		},
	]),
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['enterprise'], operation: ['getManySessions'] } },
	properties,
);

const ORGANIZATIONS: FieldSpec[] = [
	{
		param: 'organizationIds',
		api: 'org_ids',
		label: 'Organization IDs',
		read: read.ids('org-abc123def456', 'org-'),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { version } = await getApiContext.call(this);
	requireApiVersion(this.getNode(), itemIndex, 'Enterprise: Get Many Sessions', 'v3', version);
	const qs = readSessionFilters.call(this, itemIndex, version, ORGANIZATIONS);
	// Without org_ids Devin answers every organization's sessions: always name them.
	if (qs.org_ids === undefined) qs.org_ids = [await resolveOrganizationId.call(this)];
	const sessions = await collectItems.call(
		this,
		{
			method: 'GET',
			scope: 'enterprise',
			path: ['sessions'],
			qs,
			style: 'cursor',
			itemId: 'session_id',
			permission: 'ViewAccountSessions',
			itemIndex,
		},
		readLimit.call(this, itemIndex),
	);
	return toOutputs.call(this, itemIndex, 'session', sessions);
}
