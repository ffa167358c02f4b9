import { startEmulator } from '../../../../emulator';
import { apiRequests, credentialsFor, useEmulator } from '../../../helpers/emulator';
import { runNode, type DevinCredentials } from '../../../helpers/n8n';
import { failure } from '../../../helpers/failure';

const ctx = useEmulator();

const getSession = (id = 'devin-abc') => ({
	resource: 'session',
	operation: 'get',
	sessionId: { __rl: true, mode: 'id', value: id },
});

function seed() {
	return ctx.emulator.seedSessions(1, { status: 'exit' })[0] as { session_id: string };
}

describe('retries', () => {
	it('waits out a 429 with Retry-After and succeeds', async () => {
		const session = seed();
		ctx.emulator.addFault({
			method: 'GET',
			path: '/sessions/',
			status: 429,
			retryAfter: 0,
			count: 2,
		});
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getSession(session.session_id),
		});
		expect(item.json.sessionId).toBe(session.session_id);
		expect(apiRequests(ctx.emulator, 'GET', '/sessions/').map((entry) => entry.status)).toEqual([
			429, 429, 200,
		]);
	});

	it('reads the wait from a retry_after body field too', async () => {
		const session = seed();
		ctx.emulator.addFault({
			method: 'GET',
			path: '/sessions/',
			status: 429,
			body: { detail: 'slow down', retry_after: 0 },
		});
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getSession(session.session_id),
		});
		expect(item.json.sessionId).toBe(session.session_id);
	});

	it('gives up after 4 retries and says so', async () => {
		ctx.emulator.addFault({
			method: 'GET',
			path: '/sessions/',
			status: 429,
			retryAfter: 0,
			count: 10,
		});
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: getSession() }),
		);
		expect(error.message).toBe('The Devin API answered 429: Rate limit exceeded');
		expect(error.description).toMatch(/rate limiting this key\. Retried 4 times/);
		expect(error.httpCode).toBe('429');
		expect(apiRequests(ctx.emulator, 'GET', '/sessions/')).toHaveLength(5);
	});

	it('does not sit out a Retry-After longer than a minute', async () => {
		ctx.emulator.addFault({ method: 'GET', path: '/sessions/', status: 429, retryAfter: 3600 });
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: getSession() }),
		);
		expect(error.description).toMatch(/asked to wait 3600 s, longer than this node waits/);
		expect(apiRequests(ctx.emulator, 'GET', '/sessions/')).toHaveLength(1);
	});

	it('retries a 503 on GET with backoff', async () => {
		const session = seed();
		ctx.emulator.addFault({ method: 'GET', path: '/sessions/', status: 503 });
		const started = Date.now();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getSession(session.session_id),
		});
		expect(item.json.sessionId).toBe(session.session_id);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(apiRequests(ctx.emulator, 'GET', '/sessions/').map((entry) => entry.status)).toEqual([
			503, 200,
		]);
	});

	it('retries a dropped connection on GET', async () => {
		const session = seed();
		ctx.emulator.addFault({ method: 'GET', path: '/sessions/', kind: 'reset' });
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getSession(session.session_id),
		});
		expect(item.json.sessionId).toBe(session.session_id);
	});

	it('does not resend a message (POST) after a 502', async () => {
		const session = ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'waiting_for_user',
		})[0] as { session_id: string };
		ctx.emulator.addFault({ method: 'POST', path: '/messages', status: 502, count: 5 });
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: {
					resource: 'session',
					operation: 'sendMessage',
					sessionId: { __rl: true, mode: 'id', value: session.session_id },
					message: 'hi',
				},
			}),
		);
		expect(error.httpCode).toBe('502');
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
	});

	it('can be cancelled while waiting to retry', async () => {
		ctx.emulator.addFault({ method: 'GET', path: '/sessions/', status: 429, retryAfter: 30 });
		const controller = new AbortController();
		const started = Date.now();
		const running = runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getSession(),
			abortSignal: controller.signal,
		});
		await ctx.emulator.waitForRequest((entry) => entry.path.includes('/sessions/'));
		controller.abort();
		const error = await failure(running);
		expect(error.message).toBe('The execution was stopped while waiting for Devin');
		expect(Date.now() - started).toBeLessThan(1_500);
	});
});

describe('failures a user can act on', () => {
	it('401: a revoked key', async () => {
		const credentials: DevinCredentials = {
			...credentialsFor(ctx.emulator),
			apiKey: 'cog_example_revoked_0123456789',
		};
		const error = await failure(runNode({ credentials, parameters: getSession() }));
		expect(error.message).toBe('The Devin API answered 401: Unauthorized: Invalid API key');
		expect(error.description).toMatch(/revoked, expired or mistyped/);
	});

	it('401: an apk_ key forced onto v3, and a cog_ key forced onto v1', async () => {
		const apk = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy', {
					apiVersion: 'v3',
					organizationId: 'org-emulator-demo',
				}),
				parameters: getSession(),
			}),
		);
		expect(apk.description).toMatch(/legacy apk_ key, which only works with API v1/);
		const cog = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'service', { apiVersion: 'v1' }),
				parameters: getSession(),
			}),
		);
		expect(cog.description).toMatch(/cog_ keys only work with API v3/);
	});

	it('403: names the permission the key lacks', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'readOnly'),
				parameters: { resource: 'session', operation: 'create', prompt: 'x' },
			}),
		);
		expect(error.message).toBe(
			'The Devin API answered 403: Forbidden: Missing permission: ManageOrgSessions',
		);
		expect(error.description).toMatch(
			/lacks the ManageOrgSessions permission in organization org-emulator-demo/,
		);
	});

	it('a web page instead of the API means a wrong Base URL', async () => {
		ctx.emulator.addFault({ kind: 'html', path: '/sessions/' });
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: getSession() }),
		);
		expect(error.message).toBe('The Devin API answered 200: the server sent an HTML page');
		expect(error.description).toMatch(
			/Set Base URL in the Devin API credential to https:\/\/api\.devin\.ai/,
		);
	});

	it('a plain-text 500 is shown as Devin wrote it; a message is not resent', async () => {
		const session = ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'working',
		})[0] as { session_id: string };
		ctx.emulator.addFault({
			kind: 'text',
			status: 500,
			body: 'upstream exploded',
			path: '/messages',
		});
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: {
					resource: 'session',
					operation: 'sendMessage',
					sessionId: session.session_id,
					message: 'hi',
				},
			}),
		);
		expect(error.message).toBe('The Devin API answered 500: upstream exploded');
		expect(error.description).toMatch(
			/^Devin's API failed while handling the request\. Devin may have carried out the request anyway\. It was not resent: check in Devin before running again\./,
		);
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
	});

	it('nothing listening at the Base URL fails fast with a readable message', async () => {
		const credentials = { ...credentialsFor(ctx.emulator), baseUrl: 'http://127.0.0.1:9' };
		const error = await failure(
			runNode({
				credentials: { ...credentials, organizationId: 'org-emulator-demo' },
				parameters: getSession(),
			}),
		);
		expect(error.message).toBe(
			'Could not reach the Devin API at 127.0.0.1:9: the connection was refused',
		);
		expect(error.description).toMatch(/Check Base URL in the Devin API credential/);
	});

	it('the web app address is refused before any request', async () => {
		const error = await failure(
			runNode({
				credentials: { ...credentialsFor(ctx.emulator), baseUrl: 'https://app.devin.ai/' },
				parameters: getSession(),
			}),
		);
		expect(error.message).toBe('Base URL points at the Devin web app, not its API');
	});

	it('a malformed organization ID is caught before any request', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'service', { organizationId: 'org_abc' }),
				parameters: getSession(),
			}),
		);
		expect(error.message).toBe(
			'Organization ID "org_abc" does not look like a Devin organization ID',
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('tolerates a Base URL with a trailing slash and a pasted /v3', async () => {
		const session = seed();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'service', { baseUrl: `${ctx.emulator.url}/v3/` }),
			parameters: getSession(session.session_id),
		});
		expect(item.json.sessionId).toBe(session.session_id);
	});

	it('never lets the API key into any error, message or description', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const key = credentials.apiKey;
		ctx.emulator.addFault({
			path: '/sessions/',
			status: 400,
			body: { detail: `Key ${key} is not allowed here` },
		});
		const echoed = await failure(runNode({ credentials, parameters: getSession() }));
		const bad = await failure(
			runNode({ credentials: { ...credentials, apiKey: `${key}x` }, parameters: getSession() }),
		);
		for (const error of [echoed, bad]) {
			const text = JSON.stringify({
				message: error.message,
				description: error.description,
				messages: error.messages,
				cause: error.cause,
				context: error.context,
			});
			expect(text).not.toContain(key);
		}
		expect(echoed.message).toBe(
			'The Devin API answered 400: Key cog_[redacted] is not allowed here',
		);
		const output = await runNode({ credentials, parameters: getSession(), continueOnFail: true });
		expect(JSON.stringify(output)).not.toContain(key);
	});
});

describe('organization discovery', () => {
	it('says what to do when the key belongs to no single organization', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'enterprise'),
				parameters: getSession(),
			}),
		);
		expect(error.message).toBe('This API key is not tied to one organization');
		expect(error.description).toMatch(
			/Enter the organization ID \(org-…\) as Organization ID in the Devin API credential/,
		);
	});

	it('works for an enterprise key once the organization is set', async () => {
		const session = seed();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'enterprise', {
				organizationId: 'org-emulator-demo',
			}),
			parameters: getSession(session.session_id),
		});
		expect(item.json.sessionId).toBe(session.session_id);
	});

	it('explains a key that may not read /v3/self', async () => {
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator, 'noSelf'), parameters: getSession() }),
		);
		expect(error.httpCode).toBe('403');
		expect(error.description).toMatch(/could not be looked up\. Enter the organization ID/);
	});

	it('works for a personal access token (PAT) too', async () => {
		const session = seed();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'pat'),
			parameters: getSession(session.session_id),
		});
		expect(item.json.sessionId).toBe(session.session_id);
	});
});

describe('broken answers', () => {
	it("retries a proxy's 502 page on a read like a JSON 5xx, without blaming the Base URL", async () => {
		const session = seed();
		ctx.emulator.addFault({ method: 'GET', path: '/sessions/', kind: 'html', status: 502 });
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getSession(session.session_id),
		});
		expect(item.json.sessionId).toBe(session.session_id);
		expect(apiRequests(ctx.emulator, 'GET', '/sessions/').map((entry) => entry.status)).toEqual([
			502, 200,
		]);
		ctx.emulator.addFault({ method: 'POST', path: '/messages', kind: 'html', status: 502 });
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: {
					resource: 'session',
					operation: 'sendMessage',
					sessionId: { __rl: true, mode: 'id', value: session.session_id },
					message: 'hi',
				},
			}),
		);
		expect(error.message).toBe('The Devin API answered 502: 502 Bad Gateway (an HTML error page)');
		expect(error.description).toMatch(
			/^Devin's API failed while handling the request\. Devin may have carried out the request anyway\. It was not resent/,
		);
	});

	it('refuses a 200 without the session, and says a create may have happened', async () => {
		ctx.emulator.addFault({ method: 'POST', path: '/sessions', kind: 'empty', after: true });
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: { resource: 'session', operation: 'create', prompt: 'Fix it' },
			}),
		);
		expect(error.message).toBe(
			'The Devin API answered 200 with an empty body instead of an object',
		);
		expect(error.description).toMatch(
			/^Devin most likely started the session anyway, and charges for it\. It was not resent/,
		);
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
		expect(ctx.emulator.store.list()).toHaveLength(1);
	});

	it('never follows a redirect, so the key never reaches another host', async () => {
		const other = await startEmulator({ manualClock: true });
		try {
			ctx.emulator.addFault({ kind: 'redirect', location: `${other.url}/v3/self`, count: 9 });
			const error = await failure(
				runNode({ credentials: credentialsFor(ctx.emulator), parameters: getSession() }),
			);
			expect(error.message).toMatch(/^The Devin API answered 302: a redirect to 127\.0\.0\.1:\d+$/);
			expect(error.description).toMatch(/does not follow redirects, so the API key never goes/);
			expect(other.requests).toEqual([]);
			expect(apiRequests(ctx.emulator)).toHaveLength(1);
		} finally {
			await other.close();
		}
	});

	it('counts a resent delete that finds nothing as done: the first one was', async () => {
		const { note_id: noteId } = (
			await ctx.emulator.call('POST', '/v3/organizations/org-emulator-demo/knowledge/notes', {
				body: { name: 'N', body: 'B', trigger: 'T' },
			})
		).body as { note_id: string };
		ctx.emulator.addFault({ method: 'DELETE', kind: 'reset', after: true });
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: {
				resource: 'knowledge',
				operation: 'delete',
				noteId: { __rl: true, mode: 'id', value: noteId },
			},
		});
		expect(item.json).toEqual({ deleted: true, id: noteId });
		expect(apiRequests(ctx.emulator, 'DELETE').map((entry) => entry.status)).toEqual([
			'reset',
			404,
		]);
	});
});
