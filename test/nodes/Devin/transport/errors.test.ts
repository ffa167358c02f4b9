import type { INode } from 'n8n-workflow';

import {
	describeDevinError,
	redactSecrets,
	toDevinApiError,
	type ApiFailure,
} from '../../../../nodes/Devin/transport/errors';

const node = { name: 'Devin', type: 'devin', typeVersion: 1 } as INode;
const KEY = 'cog_example_leak_0123456789abcdef';

function failure(extra: Partial<ApiFailure>): ApiFailure {
	return {
		method: 'GET',
		path: '/v3/organizations/org-1/sessions/devin-1',
		host: 'api.devin.ai',
		retries: 0,
		version: 'v3',
		keyKind: 'cog',
		organizationId: 'org-1',
		secrets: [KEY],
		...extra,
	};
}

describe('describeDevinError', () => {
	it('reads FastAPI detail strings and 422 detail lists', () => {
		expect(describeDevinError({ detail: 'Session not found' })).toEqual({
			message: 'Session not found',
			fields: [],
			messageIsFields: false,
			html: false,
		});
		expect(
			describeDevinError({
				detail: [
					{
						loc: ['body', 'title'],
						msg: 'String should have at most 80 characters',
						type: 'string_too_long',
					},
					{ loc: ['body', 'tags', 3], msg: 'Input should be a valid string', type: 'string_type' },
				],
			}),
		).toEqual({
			message:
				'title: String should have at most 80 characters; tags.3: Input should be a valid string',
			fields: [
				'title: String should have at most 80 characters',
				'tags.3: Input should be a valid string',
			],
			messageIsFields: true,
			html: false,
		});
	});

	it('lists each field problem once when Devin sends them in two shapes', () => {
		const body = {
			title: 'Unprocessable Entity',
			detail: [
				{ loc: ['body', 'title'], msg: 'String should have at most 80 characters' },
				{ loc: ['body', 'max_acu_limit'], msg: 'Input should be greater than 0' },
			],
			errors: [
				{ field: 'title', message: 'must be at most 80 characters' },
				{ pointer: '/max_acu_limit', detail: 'Input should be greater than 0' },
				{ field: 'devin_mode', message: 'unknown mode' },
			],
		};
		expect(describeDevinError(body).fields).toEqual([
			'title: String should have at most 80 characters',
			'max_acu_limit: Input should be greater than 0',
			'devin_mode: unknown mode',
		]);
		const error = toDevinApiError(node, failure({ status: 422, body }));
		expect(`${error.message}\n${error.description}`.match(/max_acu_limit|title:/g)).toEqual([
			'title:',
			'max_acu_limit',
		]);
	});

	it('reads RFC 9457 problem details with field errors', () => {
		const details = describeDevinError({
			type: 'about:blank',
			title: 'Unprocessable Entity',
			status: 422,
			detail: 'Validation failed',
			errors: [
				{ field: 'max_acu_limit', message: 'must be greater than 0' },
				{ pointer: '/devin_mode', detail: 'unknown mode' },
			],
		});
		expect(details.message).toBe('Unprocessable Entity: Validation failed');
		expect(details.fields).toEqual([
			'max_acu_limit: must be greater than 0',
			'devin_mode: unknown mode',
		]);
	});

	it('reads plain text, JSON text, {message} and recognises HTML pages', () => {
		expect(describeDevinError('Bad gateway').message).toBe('Bad gateway');
		expect(describeDevinError('{"detail":"nope"}').message).toBe('nope');
		expect(describeDevinError({ message: 'quota' }).message).toBe('quota');
		expect(describeDevinError('<!DOCTYPE html><html><body>Devin</body></html>').html).toBe(true);
		expect(describeDevinError(null)).toEqual({ fields: [], html: false });
		expect(
			describeDevinError(
				'<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
			).message,
		).toBe('AccessDenied: Request has expired');
		expect(describeDevinError('<html><head><title>502 Bad Gateway</title></head></html>')).toEqual({
			message: '502 Bad Gateway',
			fields: [],
			html: true,
		});
	});
});

describe('redactSecrets', () => {
	it('removes cog_ and apk_ keys and the exact key in use', () => {
		expect(redactSecrets(`Bearer ${KEY} failed`)).toBe('Bearer cog_[redacted] failed');
		expect(redactSecrets('apk_user_abcdef123 and apk_xyz')).toBe(
			'apk_[redacted] and apk_[redacted]',
		);
		expect(redactSecrets('key=s3cr3t-value!', ['s3cr3t-value!'])).toBe('key=[redacted]');
	});
});

describe('toDevinApiError', () => {
	it("names the status, Devin's message, the request and a fix", () => {
		const error = toDevinApiError(
			node,
			failure({
				status: 404,
				body: { detail: 'Session devin-1 not found' },
				subject: 'Session devin-1',
				itemIndex: 3,
			}),
		);
		expect(error.message).toBe('The Devin API answered 404: Session devin-1 not found');
		expect(error.description).toContain('Session devin-1 was not found in organization org-1');
		expect(error.description).toContain('Request: GET /v3/organizations/org-1/sessions/devin-1');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(3);
	});

	it('explains a key/version mismatch on 401', () => {
		const apkOnV3 = toDevinApiError(
			node,
			failure({ status: 401, body: { detail: 'Invalid API key' }, keyKind: 'apk' }),
		);
		expect(apkOnV3.description).toMatch(/legacy apk_ key, which only works with API v1/);
		const cogOnV1 = toDevinApiError(
			node,
			failure({ status: 401, body: { detail: 'x' }, version: 'v1' }),
		);
		expect(cogOnV1.description).toMatch(/cog_ keys only work with API v3/);
		const revoked = toDevinApiError(
			node,
			failure({ status: 401, body: { detail: 'Invalid API key' } }),
		);
		expect(revoked.description).toMatch(/revoked, expired or mistyped/);
	});

	it('names the missing permission on 403 and the fields on 422', () => {
		const forbidden = toDevinApiError(
			node,
			failure({ status: 403, body: { detail: 'Forbidden' }, permission: 'ManageOrgSessions' }),
		);
		expect(forbidden.description).toMatch(
			/lacks the ManageOrgSessions permission in organization org-1/,
		);
		const invalid = toDevinApiError(
			node,
			failure({ status: 422, body: { detail: [{ loc: ['body', 'title'], msg: 'too long' }] } }),
		);
		expect(invalid.message).toBe('The Devin API answered 422: title: too long');
		expect(invalid.description).toMatch(/^Fix the values Devin names above and run again\./);
		const problem = toDevinApiError(
			node,
			failure({
				status: 422,
				body: { title: 'Unprocessable Entity', errors: [{ field: 'title', message: 'too long' }] },
			}),
		);
		expect(problem.message).toBe('The Devin API answered 422: Unprocessable Entity');
		expect(problem.description).toMatch(/^Fix these fields and run again: title: too long\./);
	});

	it('says how often a 429 was retried, and that a failed create was not resent', () => {
		const limited = toDevinApiError(
			node,
			failure({
				status: 429,
				body: { detail: 'Rate limit exceeded' },
				retries: 4,
				retryWaitMs: 15000,
			}),
		);
		expect(limited.description).toMatch(/Retried 4 times over 15 s/);
		expect(limited.httpCode).toBe('429');
		const create = toDevinApiError(
			node,
			failure({ method: 'POST', status: 503, body: 'Service Unavailable', createsResource: true }),
		);
		expect(create.description).toMatch(/not resent, so you are never charged twice/);
	});

	it('recognises a web page as a wrong base URL', () => {
		const error = toDevinApiError(
			node,
			failure({ status: 200 as number, body: '<!doctype html><html></html>' }),
		);
		expect(error.message).toBe('The Devin API answered 200: the server sent an HTML page');
		expect(error.description).toMatch(/Base URL answered with a web page/);
	});

	it('never carries the key, wherever Devin echoes it', () => {
		const error = toDevinApiError(
			node,
			failure({ status: 401, body: { detail: `Invalid API key ${KEY}` } }),
		);
		const everything = JSON.stringify({
			message: error.message,
			description: error.description,
			messages: error.messages,
			cause: error.cause,
			context: error.context,
		});
		expect(everything).not.toContain(KEY);
		expect(error.message).toContain('cog_[redacted]');
	});

	it('explains network failures by their code', () => {
		const refused = toDevinApiError(
			node,
			failure({ networkCode: 'ECONNREFUSED', networkMessage: 'connect ECONNREFUSED' }),
		);
		expect(refused.message).toBe(
			'Could not reach the Devin API at api.devin.ai: the connection was refused',
		);
		expect(refused.description).toMatch(/Nothing answered at api.devin.ai.*\(ECONNREFUSED\)/);
		expect(refused.httpCode).toBeNull();
	});
});
