import type { IDisplayOptions, INodeParameters, INodeProperties } from 'n8n-workflow';

import {
	FROM_AI_MARKER,
	TOOL_DEFAULT_MAX_ACU_LIMIT,
	TOOL_WAIT_DEFAULT_TIMEOUT_MINUTES,
} from '../constants';

/**
 * What an AI agent's model reads about each Devin tool. n8n shows a tool's `toolDescription`
 * parameter to the model; a node that defines it itself replaces n8n's generic "Create a session
 * in Devin". Operations that can wait have one text per setting of Wait for Completion.
 */
type ToolDescription = string | { returnsAtOnce: string; waits: string };

const WAIT_LIMIT =
	'It blocks until then, at most for the timeout the workflow sets (a few minutes); on timeout the session keeps running and you are told how to check it later.';

export const TOOL_DESCRIPTIONS: Record<string, ToolDescription> = {
	'session.create': {
		returnsAtOnce:
			"Starts a new Devin session: Devin, Cognition's AI software engineer, works on a coding task on its own machine and can open pull requests. Costs money: a session spends ACUs (Devin compute units) while it works, up to the cap the workflow sets, so start one only for a clear task the user asked for, and only once. Returns at once with sessionId, url (share it with the user), phase and status; Devin then needs minutes to hours. Get the session later by its sessionId to see progress, pullRequests (prUrl) and structuredOutput.",
		waits: `Starts a new Devin session and waits for its outcome: Devin, Cognition's AI software engineer, works on a coding task on its own machine and can open pull requests. Costs money: a session spends ACUs (Devin compute units) while it works, up to the cap the workflow sets, so start one only for a clear task the user asked for, and only once. Waits until Devin finishes, needs input, fails or is blocked. ${WAIT_LIMIT} Returns sessionId, url, phase, status, pullRequests (prUrl) and structuredOutput.`,
	},
	'session.get':
		'Gets one Devin session by its sessionId (devin-…) or URL. Free and instant. Returns phase (working, waitingForUser, finished, failed, suspended or blocked), a status sentence, pullRequests (prUrl, prState), structuredOutput, acusConsumed, title, tags and url. If phase is waitingForUser, read its messages and answer with a message; if finished, report the pull request link.',
	'session.getMany':
		'Lists recent Devin sessions, newest first, within the filters the workflow sets. Free. Returns one item per session with sessionId, title, phase, status, url, pullRequests and tags. Use it to find a session ID, or to check whether a session for a task already exists before starting another.',
	'session.sendMessage': {
		returnsAtOnce:
			"Sends a message to Devin in an existing session: an answer to its question, a correction or a follow-up task. Devin resumes work (a sleeping session wakes up), which spends ACUs (money). Returns at once; get the session later to see Devin's progress and results.",
		waits: `Sends a message to Devin in an existing session (an answer to its question, a correction or a follow-up task) and waits until Devin has acted on it and finishes, needs input, fails or is blocked. Devin resumes work, which spends ACUs (money). ${WAIT_LIMIT} Returns the session with phase, status, pullRequests and structuredOutput.`,
	},
	'session.terminate':
		'Ends a Devin session for good: Devin stops and spends no more ACUs; it cannot be resumed. Use it only when the user asks to stop or cancel the task. Returns the session with its final phase.',
	'session.archive':
		'Archives a Devin session: it stays viewable in Devin but can no longer be messaged. Free. Returns the session.',
	'session.checkStatus':
		'Checks once where a Devin session stands, without waiting. Free and instant. Returns phase (finished, waitingForUser, failed, blocked, suspended or working), a status sentence, pullRequests (prUrl) and structuredOutput. If it is still working, check again later rather than waiting here.',
	'session.waitForCompletion': `Waits until a Devin session finishes, needs input, fails or is blocked, checking it every few seconds; spends no ACUs itself. ${WAIT_LIMIT} Returns the session with phase, status, pullRequests (prUrl) and structuredOutput.`,
	'message.getMany':
		"Reads a Devin session's conversation, oldest message first: what the user asked and what Devin answered (source user or devin). Free. Use it to see Devin's question when the session's phase is waitingForUser, or its final summary.",
	'attachment.getMany':
		'Lists the files of a Devin session, uploaded by the user or produced by Devin, with their names and URLs. Free.',
	'attachment.upload':
		'Uploads the file the workflow passes to this tool to Devin. Free. Returns its url and the ATTACHMENT line to add to a session prompt so Devin can use the file.',
	'attachment.download':
		'Downloads a Devin attachment into the workflow as a file. Free. Returns the file name and type; the content stays in the workflow.',
	'tag.get': 'Gets the tags of a Devin session. Free. Returns sessionId and tags.',
	'tag.add':
		'Adds tags to a Devin session, keeping the tags it has (no duplicates). Free. Returns sessionId and the full list of tags.',
	'tag.replace':
		'Replaces all tags of a Devin session with the given ones. Free. Returns sessionId and tags.',
	'insight.get':
		"Gets Devin's analysis of a session (what happened, the issues it met, a better prompt), once it has been generated. Free. Returns the session with its insights.",
	'insight.generate': {
		returnsAtOnce:
			"Asks Devin to analyse a session: what happened, the issues it met and a better prompt. Starts no new session. Returns at once with the generation status (started or already_exists); get the session's insights a little later.",
		waits: `Asks Devin to analyse a session (what happened, the issues it met, a better prompt) and waits for the analysis; starts no new session. ${WAIT_LIMIT} Returns the session with its insights.`,
	},
	'insight.getMany':
		'Lists the insights of recent Devin sessions, within the filters the workflow sets. Free.',
	'knowledge.create':
		'Saves a knowledge note Devin recalls in future sessions whenever its trigger applies. Free. Returns the note with its noteId.',
	'knowledge.get':
		'Gets a Devin knowledge note by its noteId: name, body, trigger and whether it is enabled. Free.',
	'knowledge.getMany':
		"Lists Devin's knowledge notes (what Devin recalls while working), within the filters the workflow sets. Free. Returns noteId, name, trigger and body of each.",
	'knowledge.update':
		'Changes a Devin knowledge note by its noteId; fields the workflow leaves out stay as they are. Free. Returns the updated note.',
	'knowledge.delete':
		'Deletes a Devin knowledge note by its noteId, for good. Free. Returns deleted: true and the id.',
	'playbook.create':
		'Saves a playbook: reusable instructions Devin follows when a session uses it. Free. Returns the playbook with its playbookId.',
	'playbook.get':
		'Gets a Devin playbook by its playbookId: title, body (the instructions) and macro. Free.',
	'playbook.getMany':
		'Lists Devin playbooks (reusable instructions for sessions). Free. Returns playbookId, title and macro of each.',
	'playbook.update':
		'Changes a Devin playbook by its playbookId; fields the workflow leaves out stay as they are. Free. Returns the updated playbook.',
	'playbook.delete':
		'Deletes a Devin playbook by its playbookId, for good. Free. Returns deleted: true and the id.',
	'schedule.create':
		'Schedules Devin to run a task on a cron schedule or once at a given time. Every run starts a session that spends ACUs (money), so create one only when the user asks for it. Returns the schedule with its scheduledSessionId.',
	'schedule.get':
		'Gets a Devin schedule by its ID: its task prompt, frequency, whether it is enabled and its last run. Free.',
	'schedule.getMany':
		'Lists the tasks Devin runs on a schedule. Free. Returns each schedule with its ID, name, frequency and whether it is enabled.',
	'schedule.update':
		'Changes, pauses or resumes a Devin schedule by its ID; fields the workflow leaves out stay as they are. Free. Returns the updated schedule.',
	'schedule.delete':
		'Deletes a Devin schedule by its ID; no more runs start. Free. Returns deleted: true and the id.',
	'secret.create':
		'Stores a secret in Devin for its sessions to use; the value is never returned. Free. Returns the secretId and key.',
	'secret.getMany':
		"Lists the secrets Devin's sessions may use, by key name; values are never returned. Free.",
	'secret.delete':
		'Deletes a Devin secret by its ID, for good; sessions can no longer use it. Free. Returns deleted: true and the id.',
	'repository.getMany':
		"Lists the repositories Devin can reach through the organization's git connections (owner/name), within the filters the workflow sets. Free. Returns repoPath, repoName, language and, if asked for, whether each is indexed.",
	'repository.getIndexingStatus':
		'Tells whether Devin has indexed a repository (owner/name) and how its latest indexing job went. Free. Returns indexingState (notIndexed, inProgress, indexed or failed) and the jobs.',
	'repository.index':
		'Asks Devin to index repositories (owner/name) so its sessions know the code; indexing the same repository again starts nothing new, and no new session starts. Returns each repository with its indexing state.',
	'repository.removeFromIndex':
		'Stops Devin from indexing repositories (owner/name). Free. Returns each repository that was removed.',
	'account.get':
		'Tells who the Devin API key behind this tool is: principal type, service user and organization. Free.',
	'enterprise.getManySessions':
		"Lists Devin sessions across the enterprise's organizations that the workflow names. Free. Returns one item per session with sessionId, title, phase, status and url.",
	'enterprise.getAuditLogs':
		"Reads the enterprise's Devin audit log entries, within the filters the workflow sets. Free.",
	'enterprise.getManyAcuLimits':
		'Lists the per-billing-cycle ACU limits (the most Devin compute, which costs money, each organization or user may spend per month). Free. Returns cycleAcuLimit, scope, orgId and userId of each.',
	'enterprise.setAcuLimit':
		"Sets an organization's monthly ACU limit (a cap on Devin spending). Free itself, but it changes what the organization can spend; change it only when the user asks. Returns the limit.",
	'enterprise.deleteAcuLimit':
		"Removes an organization's monthly ACU limit, so only the enterprise-wide limit applies. Free itself, but it lifts a cap on spending; change it only when the user asks. Returns deleted: true and the organization ID.",
	'enterprise.getConsumption':
		'Reads how many ACUs (Devin compute units, which cost money) were consumed per day. Free.',
};

/** A value the model fills in: what it reads about it, and whether it may leave it out. */
interface ModelInput {
	/** The node parameter, or `collection.option` for a field inside a collection. */
	param: string;
	description: string;
	/** Optional inputs default to an empty value, so the model may leave them out. */
	optional?: boolean;
}

const SESSION_INPUT: ModelInput = {
	param: 'sessionId',
	description:
		'The session ID (devin-…) or the session URL, as returned when the session was created',
};

const sessionOnly = [SESSION_INPUT];

/**
 * The parameters the model fills by default when the node is an agent's tool. The builder can
 * still type a fixed value instead, or let the model fill other fields with n8n's own button.
 */
export const MODEL_INPUTS: Record<string, ModelInput[]> = {
	'session.create': [
		{
			param: 'prompt',
			description:
				'The task for Devin, complete on its own: the repository, what to change and how to check the result. Devin works from this text alone.',
		},
		{
			param: 'additionalFields.title',
			description:
				'Optional short title, at most 80 characters. An active session from the last 24 hours with the same title is returned instead of starting a new one.',
			optional: true,
		},
		{
			param: 'additionalFields.tags',
			description: 'Optional comma-separated tags for the session, e.g. bugfix, n8n',
			optional: true,
		},
		{
			param: 'options.idempotencyKey',
			description:
				'Optional stable ID of the task, e.g. the ticket or issue ID. Calling again with the same key returns the session already started for it (isNewSession false) instead of starting and paying for another.',
			optional: true,
		},
		{
			param: 'additionalFields.repos',
			description:
				'Optional comma-separated repositories (owner/name) Devin should work in, e.g. acme/web',
			optional: true,
		},
	],
	'session.get': sessionOnly,
	'session.sendMessage': [
		SESSION_INPUT,
		{
			param: 'message',
			description:
				'What to tell Devin: an answer to its question, a correction or a follow-up task',
		},
	],
	'session.terminate': sessionOnly,
	'session.archive': sessionOnly,
	'session.checkStatus': sessionOnly,
	'session.waitForCompletion': sessionOnly,
	'message.getMany': sessionOnly,
	'attachment.getMany': sessionOnly,
	'tag.get': sessionOnly,
	'tag.add': [
		SESSION_INPUT,
		{ param: 'tags', description: 'Comma-separated tags to add, e.g. reviewed, urgent' },
	],
	'tag.replace': [
		SESSION_INPUT,
		{ param: 'tags', description: 'Comma-separated tags the session should have from now on' },
	],
	'insight.get': sessionOnly,
	'insight.generate': sessionOnly,
	'knowledge.create': [
		{ param: 'name', description: 'A short name for the note' },
		{ param: 'body', description: 'What Devin should know' },
		{
			param: 'trigger',
			description:
				'When Devin should recall the note, e.g. "When working in the acme/web repository"',
		},
	],
	'knowledge.get': [{ param: 'noteId', description: 'The noteId of the knowledge note' }],
	'knowledge.update': [{ param: 'noteId', description: 'The noteId of the knowledge note' }],
	'knowledge.delete': [{ param: 'noteId', description: 'The noteId of the knowledge note' }],
	'playbook.create': [
		{ param: 'title', description: 'The playbook title' },
		{ param: 'body', description: 'The instructions Devin should follow' },
	],
	'playbook.get': [{ param: 'playbookId', description: 'The playbookId of the playbook' }],
	'playbook.update': [{ param: 'playbookId', description: 'The playbookId of the playbook' }],
	'playbook.delete': [{ param: 'playbookId', description: 'The playbookId of the playbook' }],
	'schedule.create': [
		{ param: 'name', description: 'A short name for the schedule' },
		{ param: 'prompt', description: 'The task Devin works on at every run' },
		{
			param: 'frequency',
			description: 'When it runs, as a cron expression, e.g. 0 9 * * 1 for Mondays at 9:00',
		},
	],
	'schedule.get': [{ param: 'scheduleId', description: 'The ID of the schedule' }],
	'schedule.update': [{ param: 'scheduleId', description: 'The ID of the schedule' }],
	'schedule.delete': [{ param: 'scheduleId', description: 'The ID of the schedule' }],
	'secret.delete': [{ param: 'secretId', description: 'The secretId of the secret' }],
	'repository.getIndexingStatus': [
		{ param: 'repository', description: 'The repository as owner/name, e.g. acme/web' },
	],
	'repository.index': [
		{
			param: 'repositories',
			description: 'Comma-separated repositories to index, as owner/name, e.g. acme/web, acme/api',
		},
	],
	'repository.removeFromIndex': [
		{
			param: 'repositories',
			description: 'Comma-separated repositories to stop indexing, as owner/name',
		},
	],
};

/** Defaults that differ when the node is a tool: a wait blocks the agent, and a session costs money. */
const TOOL_DEFAULTS: Record<string, INodeParameters> = {
	'*': { timeoutMinutes: TOOL_WAIT_DEFAULT_TIMEOUT_MINUTES },
	'session.create': { 'additionalFields.maxAcuLimit': TOOL_DEFAULT_MAX_ACU_LIMIT },
};

/** The key n8n's editor gives a field's `$fromAI()`: its label, in the characters a key allows. */
export function fromAiKey(displayName: string): string {
	return displayName.replace(/[^a-zA-Z0-9-]/g, '_').slice(0, 63);
}

const FROM_AI_TYPES: Record<string, string> = {
	number: 'number',
	boolean: 'boolean',
	json: 'json',
};

/** A `$fromAI()` value as n8n's editor writes it, with the package's description and, if optional, a default. */
export function fromAi(field: INodeProperties, description: string, optional = false): string {
	const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
	const type = FROM_AI_TYPES[field.type] ?? 'string';
	const args = [quote(fromAiKey(field.displayName)), quote(description), quote(type)];
	if (optional) args.push(type === 'string' ? "''" : JSON.stringify(field.default));
	return `={{ ${FROM_AI_MARKER} $fromAI(${args.join(', ')}) }}`;
}

/** A model-filled value in the shape the field stores: a locator takes it in its typed (not list) mode. */
function asFieldValue(field: INodeProperties, value: string): INodeParameters[string] {
	if (field.type !== 'resourceLocator') return value;
	const mode = field.modes?.find((entry) => entry.type !== 'list')?.name ?? 'id';
	return { __rl: true, mode, value };
}

/** `resource.operation` of a field shown for exactly one operation. */
function operationOf(property: INodeProperties): string | undefined {
	const show = property.displayOptions?.show;
	const [resource, operation] = [show?.resource, show?.operation];
	if (resource?.length !== 1 || operation?.length !== 1) return undefined;
	return `${String(resource[0])}.${String(operation[0])}`;
}

function shownAsTool(property: INodeProperties, tool: boolean): INodeProperties {
	const displayOptions = property.displayOptions ?? {};
	return {
		...property,
		displayOptions: { ...displayOptions, show: { ...displayOptions.show, '@tool': [tool] } },
	};
}

/** The default a field has when the node is a tool, or undefined when it is the same as always. */
function toolDefault(
	property: INodeProperties,
	operation: string | undefined,
): INodeProperties['default'] | undefined {
	const defaults = { ...TOOL_DEFAULTS['*'], ...(operation ? TOOL_DEFAULTS[operation] : {}) };
	const inputs = (operation ? MODEL_INPUTS[operation] : undefined) ?? [];
	if (property.type === 'collection') {
		const changes: INodeParameters = {};
		for (const input of inputs) {
			const [name, option] = input.param.split('.');
			const field = (property.options as INodeProperties[] | undefined)?.find(
				(entry) => entry.name === option,
			);
			if (name === property.name && field)
				changes[option] = asFieldValue(field, fromAi(field, input.description, input.optional));
		}
		for (const [path, fixed] of Object.entries(defaults)) {
			const [name, option] = path.split('.');
			if (name === property.name && option) changes[option] = fixed;
		}
		return Object.keys(changes).length
			? { ...(property.default as INodeParameters), ...changes }
			: undefined;
	}
	const input = inputs.find((entry) => entry.param === property.name);
	if (input) return asFieldValue(property, fromAi(property, input.description, input.optional));
	return defaults[property.name];
}

type Show = NonNullable<IDisplayOptions['show']>;

function toolDescriptionField(text: string, show: Show): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		default: text,
		typeOptions: { rows: 4 },
		description:
			'What the AI agent reads about this tool: what it does, what it costs and what it returns. Written for this operation; change it to steer the agent.',
		displayOptions: { show: { '@tool': [true], ...show } },
	};
}

function toolDescriptionFields(): INodeProperties[] {
	return Object.entries(TOOL_DESCRIPTIONS).flatMap(([key, text]) => {
		const [resource, operation] = key.split('.');
		const show: Show = { resource: [resource], operation: [operation] };
		if (typeof text === 'string') return [toolDescriptionField(text, show)];
		return [
			toolDescriptionField(text.returnsAtOnce, { ...show, waitForCompletion: [false] }),
			toolDescriptionField(text.waits, { ...show, waitForCompletion: [true] }),
		];
	});
}

/**
 * The node's fields with their tool variants: the per-operation tool descriptions first (where
 * n8n puts its own), and for each field whose default differs as a tool, one copy for the node
 * and one for the tool (`@tool`), so the nodes panel and the normal node stay as they are.
 */
export function withToolVariants(properties: INodeProperties[]): INodeProperties[] {
	return [
		...toolDescriptionFields(),
		...properties.flatMap((property) => {
			const value = toolDefault(property, operationOf(property));
			if (value === undefined) return [property];
			return [
				shownAsTool(property, false),
				{ ...shownAsTool(property, true), default: value as INodeProperties['default'] },
			];
		}),
	];
}
