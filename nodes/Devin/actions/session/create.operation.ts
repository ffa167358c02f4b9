import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEDUPE_MAX_PAGES,
	DEDUPE_WINDOW_SECONDS,
	MAX_PAGE_SIZE,
	STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES,
	TAGS_MAX,
	TITLE_MAX_LENGTH,
} from '../../constants';
import { outputOptions, readOutputSettings, toOutput } from '../../descriptions/common';
import { readOptionalWait, waitForCompletionFields } from '../../descriptions/wait';
import { requireImpersonation } from '../../helpers/apiVersion';
import { read, readFields, type FieldSpec } from '../../helpers/fields';
import { classifySession } from '../../helpers/lifecycle';
import { sessionListRequest, waitForSession } from '../../helpers/sessions';
import { invalidField, type FieldContext } from '../../helpers/validation';
import { devinApiRequest, getApiContext } from '../../transport';
import { fetchPage } from '../../transport/pagination';

const properties: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 6 },
		placeholder: 'e.g. In acme/web, fix the failing checkout test and open a pull request',
		description:
			'What Devin should do. Name the repository, the goal and how to check the result; Devin works from this text alone.',
	},
	...waitForCompletionFields(
		'Whether to wait until the session reaches a Stop On phase and output it then; otherwise the node outputs the new session at once',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Attachment URLs',
				name: 'attachmentUrls',
				type: 'string',
				default: '',
				description:
					'Comma-separated URLs of uploaded attachments for Devin to use. In API v1 they are added to the prompt as ATTACHMENT lines.',
			},
			{
				displayName: 'Bypass Approval',
				name: 'bypassApproval',
				type: 'boolean',
				default: false,
				description: 'Whether Devin may act without asking for approval in safe mode (API v3)',
			},
			{
				displayName: 'Child Playbook Name or ID',
				name: 'childPlaybookId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPlaybooks' },
				default: '',
				description:
					'Playbook for the child sessions this session starts (API v3). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Create As User ID',
				name: 'createAsUserId',
				type: 'string',
				default: '',
				description:
					'Start the session on behalf of this Devin user (API v3). Needs Allow Impersonation in the credential and the ImpersonateOrgSessions permission.',
			},
			{
				displayName: 'Devin Mode',
				name: 'devinMode',
				type: 'options',
				default: 'normal',
				description: 'How Devin trades speed for cost (API v3)',
				options: [
					{
						name: 'Fast',
						value: 'fast',
						description: 'About twice as fast at about four times the cost',
					},
					{ name: 'Lite', value: 'lite', description: 'A lighter, cheaper agent for small tasks' },
					{ name: 'Normal', value: 'normal', description: 'The default agent' },
				],
			},
			{
				displayName: 'Idempotent',
				name: 'idempotent',
				type: 'boolean',
				default: false,
				description:
					'Whether sending the same request again returns the existing session instead of creating a duplicate (API v1; in v3 use Dedupe by Title)',
			},
			{
				displayName: 'Knowledge Note Names or IDs',
				name: 'knowledgeIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getKnowledgeNotes' },
				default: [],
				description:
					'Knowledge notes Devin should use. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Max ACU Limit',
				name: 'maxAcuLimit',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 10,
				description: 'The most ACUs (Devin compute units, which you pay for) this session may use',
			},
			{
				displayName: 'Platform',
				name: 'platform',
				type: 'string',
				default: '',
				placeholder: 'e.g. windows',
				description:
					'VM platform label for the session (API v3); Devin names the valid ones if this is wrong',
			},
			{
				displayName: 'Playbook Name or ID',
				name: 'playbookId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPlaybooks' },
				default: '',
				description:
					'A playbook with instructions Devin should follow. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Repositories',
				name: 'repos',
				type: 'string',
				default: '',
				placeholder: 'e.g. acme/web, acme/api',
				description: 'Comma-separated repositories (owner/name) Devin should work in (API v3)',
			},
			{
				displayName: 'Secret Names or IDs',
				name: 'secretIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getSecrets' },
				default: [],
				description:
					'Devin secrets the session may use, by key name. Secret values are never entered here, so they stay out of workflows and logs. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Session Links',
				name: 'sessionLinks',
				type: 'string',
				default: '',
				description: 'Comma-separated URLs of other sessions for context (API v3)',
			},
			{
				displayName: 'Snapshot ID',
				name: 'snapshotId',
				type: 'string',
				default: '',
				description: 'Machine snapshot to start from (API v1)',
			},
			{
				displayName: 'Structured Output Required',
				name: 'structuredOutputRequired',
				type: 'boolean',
				default: true,
				description:
					'Whether Devin must send a final structured output before it ends its turn (API v3; needs Structured Output Schema)',
			},
			{
				displayName: 'Structured Output Schema',
				name: 'structuredOutputSchema',
				type: 'json',
				default: '',
				description:
					'JSON Schema (Draft 7, at most 64 KB, no external $ref) for the structured output Devin returns. Without it, Structured Output stays empty.',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. n8n, bugfix',
				description: 'Comma-separated tags for the session, at most 50',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description:
					'A short title, at most 80 characters. In API v3 it also guards against duplicates (see Options).',
			},
			{
				displayName: 'Unlisted',
				name: 'unlisted',
				type: 'boolean',
				default: false,
				description: 'Whether the session is hidden from the session list of other users (API v1)',
			},
		],
	},
	outputOptions([
		{
			displayName: 'Dedupe by Title',
			name: 'dedupeByTitle',
			type: 'boolean',
			default: true,
			description:
				'Whether to return an active session with the same title (created in the last 24 hours) instead of starting, and paying for, a second one. Such outputs have isNewSession set to false. API v3 only; v1 uses Idempotent.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['create'] } },
	properties,
);

/** Each additional field: its API name, label (for errors), the API versions that have it, and how it is read. */
const FIELDS: FieldSpec[] = [
	{ param: 'title', api: 'title', label: 'Title', read: read.maxLength(TITLE_MAX_LENGTH) },
	{ param: 'tags', api: 'tags', label: 'Tags', read: read.list(TAGS_MAX) },
	{ param: 'repos', api: 'repos', label: 'Repositories', read: read.list(), versions: ['v3'] },
	{ param: 'playbookId', api: 'playbook_id', label: 'Playbook', read: read.text },
	{
		param: 'childPlaybookId',
		api: 'child_playbook_id',
		label: 'Child Playbook',
		read: read.text,
		versions: ['v3'],
	},
	{ param: 'knowledgeIds', api: 'knowledge_ids', label: 'Knowledge Notes', read: read.list() },
	{ param: 'secretIds', api: 'secret_ids', label: 'Secrets', read: read.list() },
	{ param: 'attachmentUrls', api: 'attachment_urls', label: 'Attachment URLs', read: read.list() },
	{
		param: 'sessionLinks',
		api: 'session_links',
		label: 'Session Links',
		read: read.list(),
		versions: ['v3'],
	},
	{ param: 'maxAcuLimit', api: 'max_acu_limit', label: 'Max ACU Limit', read: read.wholeNumber },
	{
		param: 'devinMode',
		api: 'devin_mode',
		label: 'Devin Mode',
		// normal is Devin's own default: leaving it out keeps the request valid on older deployments.
		read: (context, label, value) => {
			const mode = read.oneOf(['normal', 'fast', 'lite'])(context, label, value);
			return mode === 'normal' ? undefined : mode;
		},
		versions: ['v3'],
	},
	{ param: 'platform', api: 'platform', label: 'Platform', read: read.text, versions: ['v3'] },
	{
		param: 'bypassApproval',
		api: 'bypass_approval',
		label: 'Bypass Approval',
		read: read.flag,
		versions: ['v3'],
	},
	{
		param: 'structuredOutputSchema',
		api: 'structured_output_schema',
		label: 'Structured Output Schema',
		read: read.json(STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES),
	},
	{
		param: 'structuredOutputRequired',
		api: 'structured_output_required',
		label: 'Structured Output Required',
		read: read.flag,
		versions: ['v3'],
	},
	{
		param: 'createAsUserId',
		api: 'create_as_user_id',
		label: 'Create As User ID',
		read: read.text,
		versions: ['v3'],
	},
	{
		param: 'idempotent',
		api: 'idempotent',
		label: 'Idempotent',
		read: read.flag,
		versions: ['v1'],
		instead: 'In API v3, give the session a Title and keep the Dedupe by Title option on.',
	},
	{
		param: 'snapshotId',
		api: 'snapshot_id',
		label: 'Snapshot ID',
		read: read.text,
		versions: ['v1'],
	},
	{ param: 'unlisted', api: 'unlisted', label: 'Unlisted', read: read.flag, versions: ['v1'] },
];

/** v1 only sees attachments named in the prompt, each on its own line, exactly like this. */
function withAttachmentLines(prompt: string, urls: string[]): string {
	return [prompt, ...urls.map((url) => `ATTACHMENT:"${url}"`)].join('\n');
}

/** v3 has no idempotency: look for an active session with this title before paying for another. */
async function findActiveSessionByTitle(
	this: IExecuteFunctions,
	title: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const request = {
		...sessionListRequest('v3', {
			created_after: Math.floor(Date.now() / 1000) - DEDUPE_WINDOW_SECONDS,
		}),
		itemIndex,
	};
	let from: string | undefined;
	for (let page = 0; page < DEDUPE_MAX_PAGES; page++) {
		const result = await fetchPage.call(this, request, MAX_PAGE_SIZE, from);
		const match = result.items.find(
			(session) =>
				session.title === title &&
				session.is_archived !== true &&
				['working', 'waitingForUser'].includes(classifySession(session)),
		);
		if (match) return match;
		if (result.next === undefined) return undefined;
		from = result.next;
	}
	return undefined;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const api = await getApiContext.call(this);
	const context: FieldContext = { node: this.getNode(), itemIndex };
	const prompt = this.getNodeParameter('prompt', itemIndex, '') as string;
	if (typeof prompt !== 'string' || prompt.trim() === '') {
		throw invalidField(context, 'Prompt', 'is empty', 'Tell Devin what to do.');
	}
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { raw } = readOutputSettings.call(this, itemIndex);
	const waitSettings = readOptionalWait.call(this, itemIndex);

	const body: IDataObject = {
		prompt,
		...readFields(
			this.getNode(),
			itemIndex,
			this.getTimezone(),
			additionalFields,
			FIELDS,
			api.version,
		),
	};
	if (body.create_as_user_id !== undefined) {
		requireImpersonation(context, 'Create As User ID', api.allowImpersonation);
	}
	if (api.version === 'v1' && Array.isArray(body.attachment_urls)) {
		body.prompt = withAttachmentLines(prompt, body.attachment_urls as string[]);
		delete body.attachment_urls;
	}

	let existing: IDataObject | undefined;
	if (api.version === 'v3' && typeof body.title === 'string' && options.dedupeByTitle !== false) {
		existing = await findActiveSessionByTitle.call(this, body.title, itemIndex);
	}
	let isNewSession = existing === undefined;
	let session = existing;
	if (!session) {
		session = await devinApiRequest.call(this, {
			method: 'POST',
			path: ['sessions'],
			body,
			createsResource: true,
			permission: body.create_as_user_id
				? 'ManageOrgSessions and ImpersonateOrgSessions'
				: 'ManageOrgSessions',
			itemIndex,
		});
		if (api.version === 'v1') isNewSession = session.is_new_session !== false;
	}
	const sessionId = String(session.session_id);

	if (waitSettings) session = await waitForSession.call(this, sessionId, waitSettings, itemIndex);
	if (raw) return { ...session, is_new_session: isNewSession };
	const output: IDataObject = {
		...toOutput.call(this, itemIndex, 'session', session),
		isNewSession,
	};
	// A v1 create answers only {session_id, url, is_new_session}; a new session is starting up.
	if (output.phase === 'unknown' && isNewSession) output.phase = 'working';
	return output;
}
