import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { getApiContext, type ApiVersion } from '../transport';
import { invalidField, type FieldContext } from './validation';

/** An operation or field that exists in only one API version fails here, before any request. */
export function requireApiVersion(
	node: INode,
	itemIndex: number,
	what: string,
	needed: ApiVersion,
	actual: ApiVersion,
	instead?: string,
): void {
	if (needed === actual) return;
	const fix =
		instead ??
		(needed === 'v3'
			? 'It needs a cog_ service-user key with API Version set to Auto or v3 in the Devin API credential.'
			: 'It needs a legacy apk_ key with API Version set to Auto or v1 in the Devin API credential.');
	throw new NodeOperationError(
		node,
		`${what} is only available in Devin API ${needed}; this credential uses ${actual}`,
		{
			description: fix,
			itemIndex,
		},
	);
}

/** Acting as another Devin user needs the credential's consent, checked before any request. */
export function requireImpersonation(context: FieldContext, field: string, allowed: boolean): void {
	if (allowed) return;
	throw invalidField(
		context,
		field,
		'is set, but the credential does not allow impersonation',
		'Turn on Allow Impersonation in the Devin API credential (the key also needs ImpersonateOrgSessions), or clear the field.',
	);
}

/** An operation only API v3 has (`what`, e.g. "Repository: Index"): refused with a v1 key, before any request. */
export async function requireV3(
	this: IExecuteFunctions,
	itemIndex: number,
	what: string,
): Promise<void> {
	const { version } = await getApiContext.call(this);
	requireApiVersion(this.getNode(), itemIndex, what, 'v3', version);
}
