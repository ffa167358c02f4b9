import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEDUPE_WINDOW_SECONDS,
	IDEMPOTENCY_DEFAULT_REUSE_HOURS,
	IDEMPOTENCY_MAX_REUSE_HOURS,
	TAGS_MAX,
	TITLE_MAX_LENGTH,
} from '../../constants';
import { outputOptions, readOutputSettings, toOutput } from '../../descriptions/common';
import { readRepositoryPaths, repositoryLocator } from '../../descriptions/repository';
import { structuredOutputFields } from '../../descriptions/structuredOutput';
import { readOptionalWait, waitForCompletionFields } from '../../descriptions/wait';
import { requireImpersonation } from '../../helpers/apiVersion';
import { read, readFields, type FieldSpec } from '../../helpers/fields';
import { describeStatus } from '../../helpers/leanStatus';
import { createGuarded, guardTag, type CreateGuard } from '../../helpers/idempotency';
import { waitForSession } from '../../helpers/sessions';
import { readStructuredOutputSchema } from '../../helpers/structuredOutput';
import {
	invalidField,
	optionalText,
	toFlag,
	toWholeNumber,
	type FieldContext,
} from '../../helpers/validation';
import { devinApiRequest, getApiContext } from '../../transport';

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
		builderHint: {
			propertyHint:
				'A complete task description: the repository (owner/name), what to change, how to verify it (tests to run) and what to deliver (for example "open a pull request"). Build it from the incoming data with an expression.',
		},
	},
	...waitForCompletionFields(
		'Whether to wait until the session reaches a Stop On phase and output it then; otherwise the node outputs the new session at once. Waiting holds a worker slot for the whole session and ends if n8n restarts: for long sessions or queue mode, use Check Status with a Wait node, or the Devin Trigger.',
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
			repositoryLocator({
				name: 'repos',
				displayName: 'Repositories',
				description:
					'Repositories (owner/name) Devin should work in (API v3): pick one from the list, type several separated by commas, or use an expression',
				multiple: true,
			}),
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
			...structuredOutputFields,
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
					'A short title, at most 80 characters. In API v3 it also guards against duplicates (see Dedupe by Title in Options).',
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
				'Whether to return an active session with the same title (created in the last 24 hours) instead of starting, and paying for, a second one, also when two executions create at the same moment. Such outputs have isNewSession set to false. The node tags the session to find it again. API v3; an Idempotency Key takes precedence.',
		},
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.ticketId }}',
			description:
				'A value that identifies this task, such as a ticket ID. A session created with the same key within the Reuse Window is returned instead of a new one, whatever its status (isNewSession is false), so re-running after a crash or a retry costs nothing; two executions with the same key at once end with one session. The node tags the session with a hash of the key and checks once before and once after creating (about 2 s). Empty: off.',
		},
		{
			displayName: 'Reuse Window (Hours)',
			name: 'reuseWindowHours',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: IDEMPOTENCY_MAX_REUSE_HOURS, numberPrecision: 0 },
			default: IDEMPOTENCY_DEFAULT_REUSE_HOURS,
			description:
				'How long a session created with an Idempotency Key is returned for that key; after it, the key starts a new session',
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
	{
		param: 'repos',
		api: 'repos',
		label: 'Repositories',
		// A locator since the dropdown came; older workflows saved comma-separated text.
		read: (context, label, value) => {
			const paths = readRepositoryPaths(context, label, value);
			return paths.length ? paths : undefined;
		},
		versions: ['v3'],
	},
	{
		param: 'playbookId',
		api: 'playbook_id',
		label: 'Playbook',
		read: read.id('playbook-6f1c2b9a'),
	},
	{
		param: 'childPlaybookId',
		api: 'child_playbook_id',
		label: 'Child Playbook',
		read: read.id('playbook-6f1c2b9a'),
		versions: ['v3'],
	},
	{
		param: 'knowledgeIds',
		api: 'knowledge_ids',
		label: 'Knowledge Notes',
		read: read.ids('note-0c4d1e7f'),
	},
	{ param: 'secretIds', api: 'secret_ids', label: 'Secrets', read: read.ids('secret-9a8b7c6d') },
	{ param: 'attachmentUrls', api: 'attachment_urls', label: 'Attachment URLs', read: read.urls },
	{
		param: 'sessionLinks',
		api: 'session_links',
		label: 'Session Links',
		read: read.urls,
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
		read: read.id('user-3f2a9c41'),
		versions: ['v3'],
	},
	{
		param: 'idempotent',
		api: 'idempotent',
		label: 'Idempotent',
		read: read.flag,
		versions: ['v1'],
		instead:
			'In API v3, set an Idempotency Key in Options (or give the session a Title and keep Dedupe by Title on).',
	},
	{
		param: 'snapshotId',
		api: 'snapshot_id',
		label: 'Snapshot ID',
		read: read.id('snapshot-1a2b3c4d'),
		versions: ['v1'],
	},
	{ param: 'unlisted', api: 'unlisted', label: 'Unlisted', read: read.flag, versions: ['v1'] },
];

/** v1 only sees attachments named in the prompt, each on its own line, exactly like this. */
function withAttachmentLines(prompt: string, urls: string[]): string {
	return [prompt, ...urls.map((url) => `ATTACHMENT:"${url}"`)].join('\n');
}

/** The create guard the options ask for: an Idempotency Key, else Dedupe by Title (v3), else none. */
function readGuard(
	context: FieldContext,
	options: IDataObject,
	title: unknown,
	version: string,
): CreateGuard | undefined {
	const given = options.idempotencyKey;
	if (given !== undefined && given !== null && !['string', 'number'].includes(typeof given)) {
		throw invalidField(
			context,
			'Idempotency Key',
			`must be text, got ${Array.isArray(given) ? 'a list' : typeof given}`,
			'Use an expression that returns one value naming the task, for example {{ $json.ticketId }}.',
		);
	}
	const key = optionalText(given);
	// Checked also while the key is empty: a bad value should not wait for the first key to show.
	const hours =
		toWholeNumber(context, 'Reuse Window (Hours)', options.reuseWindowHours) ??
		IDEMPOTENCY_DEFAULT_REUSE_HOURS;
	if (hours > IDEMPOTENCY_MAX_REUSE_HOURS) {
		throw invalidField(
			context,
			'Reuse Window (Hours)',
			`must be at most ${IDEMPOTENCY_MAX_REUSE_HOURS} (30 days), got ${hours}`,
			'Enter how many hours a session created with this key is reused, for example 24.',
		);
	}
	if (key !== undefined) {
		return { kind: 'key', tag: guardTag('key', key), windowSeconds: Math.round(hours * 3600) };
	}
	const dedupeByTitle = toFlag(context, 'Dedupe by Title', options.dedupeByTitle) ?? true;
	if (version === 'v3' && typeof title === 'string' && dedupeByTitle) {
		return { kind: 'title', tag: guardTag('title', title), windowSeconds: DEDUPE_WINDOW_SECONDS };
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
	const { raw, lean } = readOutputSettings.call(this, itemIndex);
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
	// Derived from the example or taken as written, as Structured Output Schema Type says.
	const schema = readStructuredOutputSchema(context, additionalFields);
	if (schema) body.structured_output_schema = schema;
	if (body.create_as_user_id !== undefined) {
		requireImpersonation(context, 'Create As User ID', api.allowImpersonation);
	}
	if (api.version === 'v1' && Array.isArray(body.attachment_urls)) {
		body.prompt = withAttachmentLines(prompt, body.attachment_urls as string[]);
		delete body.attachment_urls;
	}

	const guard = readGuard(context, options, body.title, api.version);
	if (guard) {
		const tags = Array.isArray(body.tags) ? (body.tags as string[]) : [];
		if (tags.length >= TAGS_MAX) {
			throw invalidField(
				context,
				'Tags',
				`has ${tags.length} entries; with ${guard.kind === 'key' ? 'an Idempotency Key' : 'Dedupe by Title'} the node adds one tag and Devin accepts at most ${TAGS_MAX}`,
				`Remove ${tags.length - TAGS_MAX + 1} of them.`,
			);
		}
		body.tags = [...tags, guard.tag];
	}
	const post = async () =>
		await devinApiRequest.call(this, {
			method: 'POST',
			path: ['sessions'],
			body,
			createsResource: true,
			expects: { kind: 'object', id: 'session_id' },
			permission: body.create_as_user_id
				? 'ManageOrgSessions and ImpersonateOrgSessions'
				: 'ManageOrgSessions',
			itemIndex,
		});
	let session: IDataObject;
	let isNewSession: boolean;
	if (guard) {
		({ session, isNewSession } = await createGuarded.call(this, guard, post, itemIndex));
	} else {
		session = await post();
		isNewSession = api.version === 'v1' ? session.is_new_session !== false : true;
	}
	const sessionId = String(session.session_id);

	if (waitSettings) session = await waitForSession.call(this, sessionId, waitSettings, itemIndex);
	if (raw) return { ...session, is_new_session: isNewSession };
	const output: IDataObject = {
		...toOutput.call(this, itemIndex, 'session', session),
		isNewSession,
	};
	// A v1 create answers only {session_id, url, is_new_session}; a new session is starting up.
	if (output.phase === 'unknown' && isNewSession) {
		output.phase = 'working';
		if (lean) output.status = describeStatus('working', { status: 'new' });
	}
	return output;
}
