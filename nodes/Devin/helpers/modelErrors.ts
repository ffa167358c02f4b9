import { NodeApiError } from 'n8n-workflow';
import type { NodeOperationError } from 'n8n-workflow';

import { redactSecrets } from '../transport/errors';

/**
 * Errors as an AI agent's model reads them: what went wrong and what the model can do next, in
 * one or two sentences, without request paths, organization IDs or advice only the workflow's
 * builder can follow (credentials, node settings). The builder's detailed error is for normal mode.
 */

const MODEL_MESSAGES = new WeakMap<Error, string>();

/** Gives an error the words a model reads when the node runs as a tool. */
export function explainToModel<E extends Error>(error: E, message: string): E {
	MODEL_MESSAGES.set(error, message);
	return error;
}

/** Request paths, organization IDs and keys: nothing a model needs, nothing to send to its provider. */
export function sanitizeForModel(text: string): string {
	return redactSecrets(text)
		.replace(/\s*Request: [^\n]*/g, '')
		.replace(/(GET|POST|PUT|PATCH|DELETE) \/\S*/g, 'the request')
		.replace(/\/v\d+(beta\d*)?\/\S*/g, 'the API')
		.replace(/\s+in organization org-[A-Za-z0-9_-]+/g, '')
		.replace(/\borg-[A-Za-z0-9_-]+/g, 'the organization')
		.replace(/\s+/g, ' ')
		.trim();
}

/** What a missing ID of each resource is, in the model's words. */
const THINGS: Record<string, string> = {
	knowledge: 'knowledge note',
	playbook: 'playbook',
	schedule: 'schedule',
	secret: 'secret',
	enterprise: 'organization',
};

/** Operations whose request starts a paid session: a failure may still have started one. */
const STARTS_SESSION = new Set(['session.create']);

type Explain = (said: string, thing: string) => string;

const BY_STATUS: Record<string, Explain> = {
	400: (said) =>
		`Devin rejected the request${said}. Correct the arguments and call the tool again.`,
	401: () =>
		'Devin did not accept the API key of this n8n connection, so no Devin tool works until the user fixes the Devin credential in n8n. Tell the user; retrying will not help.',
	403: () =>
		'The API key of this n8n connection is not allowed to do this in Devin. Tell the user; retrying will not help, but other Devin tools may still work.',
	404: (said, thing) =>
		`Devin found no ${thing} with that ID${said}. Check the ID${thing === 'session' ? ' (session IDs look like devin-…)' : ''}, or list the ${thing}s to find the right one.`,
	409: (said) =>
		`Devin refused because of the session's current state${said}. Get the session to see its phase before trying again.`,
	422: (said) =>
		`Devin rejected the request${said}. Correct the arguments and call the tool again.`,
	429: () =>
		'Devin is limiting how often it is called right now. Wait a minute before calling a Devin tool again.',
};

function apiMessage(error: NodeApiError, operation: string): string {
	const resource = operation.split('.')[0];
	const thing = THINGS[resource] ?? 'session';
	const devinText = error.errorResponse?.message;
	const said =
		typeof devinText === 'string' && devinText !== '' && error.httpCode
			? ` (Devin said: ${sanitizeForModel(devinText)})`
			: '';
	const explain = error.httpCode ? BY_STATUS[error.httpCode] : undefined;
	if (explain) return explain(said, thing);
	if (STARTS_SESSION.has(operation)) {
		return 'Devin failed while starting the session, which may have started anyway. Do not start it again: list or get recent sessions first to check.';
	}
	return error.httpCode
		? "Devin's API is failing right now. Try again in a few minutes."
		: 'The Devin API could not be reached. Try again in a few minutes; if it keeps failing, tell the user.';
}

/**
 * The one message a model reads for `error` from `operation` (`resource.operation`): the words
 * given with `explainToModel`, a table of API failures by status, or the error's own text.
 */
export function messageForModel(
	error: NodeApiError | NodeOperationError,
	operation: string,
): string {
	const given = MODEL_MESSAGES.get(error);
	if (given !== undefined) return given;
	if (error instanceof NodeApiError) return apiMessage(error, operation);
	const text =
		error.description && !error.message.includes(error.description)
			? `${error.message.replace(/\.?$/, '.')} ${error.description}`
			: error.message;
	return sanitizeForModel(text);
}
