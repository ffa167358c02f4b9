import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readOutputSettings, toOutput } from '../../descriptions/common';
import { readOptionalWait, waitForCompletionFields } from '../../descriptions/wait';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { requireApiVersion, requireImpersonation } from '../../helpers/apiVersion';
import { toCamelCase } from '../../helpers/mapping';
import { waitForSession } from '../../helpers/sessions';
import { invalidField, toId } from '../../helpers/validation';
import { devinApiRequest, getApiContext } from '../../transport';

const properties: INodeProperties[] = [
	{
		...sessionLocator,
		description: 'The session to message. A suspended session wakes up when it gets a message.',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'e.g. Use the staging branch, then open the pull request',
		description: 'What to tell Devin: an answer to its question, a correction or a follow-up task',
	},
	...waitForCompletionFields(
		'Whether to wait until Devin has acted on the message and the session reaches a Stop On phase; otherwise the node outputs at once',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Message As User ID',
				name: 'messageAsUserId',
				type: 'string',
				default: '',
				description:
					'Send the message on behalf of this Devin user (API v3). Needs Allow Impersonation in the credential and the ImpersonateOrgSessions permission.',
			},
		],
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['sendMessage'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const api = await getApiContext.call(this);
	const context = { node: this.getNode(), itemIndex };
	const sessionId = readSessionId.call(this, itemIndex);
	const message = this.getNodeParameter('message', itemIndex, '') as string;
	if (typeof message !== 'string' || message.trim() === '') {
		throw invalidField(context, 'Message', 'is empty', 'Enter what to tell Devin.');
	}
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const messageAsUserId = toId(context, 'Message As User ID', additionalFields.messageAsUserId, {
		example: 'user-3f2a9c41',
	});
	if (messageAsUserId !== undefined) {
		requireApiVersion(this.getNode(), itemIndex, 'Message As User ID', 'v3', api.version);
		requireImpersonation(context, 'Message As User ID', api.allowImpersonation);
	}
	const waitSettings = readOptionalWait.call(this, itemIndex);
	const { raw } = readOutputSettings.call(this, itemIndex);

	const body: IDataObject = { message };
	if (messageAsUserId !== undefined) body.message_as_user_id = messageAsUserId;
	const response = await devinApiRequest.call(this, {
		method: 'POST',
		path:
			api.version === 'v3'
				? ['sessions', sessionId, 'messages']
				: ['sessions', sessionId, 'message'],
		body,
		permission: messageAsUserId
			? 'ManageOrgSessions and ImpersonateOrgSessions'
			: 'ManageOrgSessions',
		subject: `Session ${sessionId}`,
		// v1 answers null, or {detail} when the session could not take the message.
		expects:
			api.version === 'v3'
				? { kind: 'object', id: 'session_id' }
				: { kind: 'object', orNothing: true },
		itemIndex,
	});

	if (waitSettings) {
		const updatedAt =
			api.version === 'v3' ? (response as IDataObject | null)?.updated_at : undefined;
		const session = await waitForSession.call(this, sessionId, waitSettings, itemIndex, {
			updatedAt,
		});
		return toOutput.call(this, itemIndex, 'session', session);
	}
	if (api.version === 'v3') return toOutput.call(this, itemIndex, 'session', response);
	// v1 answers null, or {detail} when the session could not take the message.
	const detail = (response ?? {}) as IDataObject;
	if (raw) return { session_id: sessionId, ...detail };
	return {
		sessionId,
		messageSent: detail.detail === undefined,
		...toCamelCase<IDataObject>(detail),
	};
}
