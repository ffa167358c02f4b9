import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, optionalText } from '../../helpers/validation';
import { resolveOrganizationId } from '../../transport';

/** Where Devin keeps the per-billing-cycle ACU limits (enterprise scope). */
export const ACU_LIMITS_PATH = ['consumption', 'acu-limits', 'devin'];

/** Named in a 403: org-scoped keys cannot hold these, which the hint has to say. */
export const ACU_LIMIT_PERMISSIONS = {
	read: 'enterprise-level ManageBilling or ViewAccountConsumption',
	write: 'enterprise-level ManageBilling',
} as const;

const ORGANIZATION_ID = /^org-[A-Za-z0-9_-]+$/;

export const organizationField: INodeProperties = {
	displayName: 'Organization ID',
	name: 'organizationId',
	type: 'string',
	default: '',
	placeholder: "e.g. org-abc123def456 (empty: the credential's organization)",
	description: "The organization whose ACU limit this is. Empty: the credential's Organization ID.",
};

/** The organization of item `itemIndex`: typed, or the credential's. */
export async function readOrganizationId(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<string> {
	const typed = optionalText(this.getNodeParameter('organizationId', itemIndex, ''));
	if (typed === undefined) return await resolveOrganizationId.call(this);
	if (!ORGANIZATION_ID.test(typed)) {
		throw invalidField(
			{ node: this.getNode(), itemIndex },
			'Organization ID',
			`"${typed}" does not look like a Devin organization ID`,
			'Organization IDs start with org- (for example org-abc123def456).',
		);
	}
	return typed;
}

/** What Delete outputs, as every Delete operation of this node does. */
export function deleted(id: string): IDataObject {
	return { deleted: true, id };
}
