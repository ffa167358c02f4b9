import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import {
	explainToModel,
	messageForModel,
	sanitizeForModel,
} from '../../../../nodes/Devin/helpers/modelErrors';

const node = { name: 'Devin', type: 'CUSTOM.devinTool' } as INode;

const apiError = (httpCode: string | undefined, message = 'Something is off') =>
	new NodeApiError(
		node,
		{ message, httpCode: httpCode ?? null },
		{
			message: `The Devin API answered ${httpCode}: ${message}`,
			description: 'A hint for the builder.\nRequest: GET /v3/organizations/org-abc123/sessions/x',
			httpCode,
		},
	);

describe('errors for a model', () => {
	it('strips request paths, organization IDs and keys', () => {
		expect(
			sanitizeForModel(
				'Session x was not found in organization org-9f8e7d.\nRequest: GET /v3/organizations/org-9f8e7d/sessions/x',
			),
		).toBe('Session x was not found.');
		expect(sanitizeForModel('Rejected key cog_abcdef123456 for org-9f8e7d')).toBe(
			'Rejected key cog_[redacted] for the organization',
		);
		expect(sanitizeForModel('see /v3beta1/organizations/org-1/repositories now')).toBe(
			'see the API now',
		);
	});

	it.each([
		[
			'400',
			'session.create',
			/^Devin rejected the request \(Devin said: Something is off\)\. Correct the arguments/,
		],
		['422', 'knowledge.create', /^Devin rejected the request/],
		[
			'404',
			'knowledge.get',
			/^Devin found no knowledge note with that ID .*list the knowledge notes/,
		],
		['404', 'tag.get', /^Devin found no session with that ID .*devin-…/],
		['409', 'session.sendMessage', /current state .*Get the session/],
		['429', 'session.get', /^Devin is limiting how often it is called right now\. Wait a minute/],
		['500', 'session.get', /^Devin's API is failing right now\. Try again in a few minutes\.$/],
		['500', 'session.create', /may have started anyway\. Do not start it again/],
		[undefined, 'session.get', /^The Devin API could not be reached/],
		[undefined, 'session.create', /may have started anyway/],
	])('HTTP %s from %s', (status, operation, expected) => {
		const text = messageForModel(apiError(status), operation);
		expect(text).toMatch(expected);
		expect(text.split(/(?<=\.) /).length).toBeLessThanOrEqual(2);
		expect(text).not.toMatch(/org-|\/v3|Request:/);
	});

	it('prefers the words an operation gave for the model', () => {
		const error = explainToModel(
			new NodeOperationError(node, 'Session x is still Working after 5 min', {
				description: 'Raise Timeout (Minutes).',
			}),
			'Session x is still working; get it again later.',
		);
		expect(messageForModel(error, 'session.waitForCompletion')).toBe(
			'Session x is still working; get it again later.',
		);
	});

	it('otherwise gives the message and its fix in one line', () => {
		const error = new NodeOperationError(node, 'Prompt: is empty', {
			description: 'Tell Devin what to do.',
		});
		expect(messageForModel(error, 'session.create')).toBe(
			'Prompt: is empty. Tell Devin what to do.',
		);
	});
});
