import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';
import { failure } from '../../../../helpers/failure';
import { guardTag } from '../../../../../nodes/Devin/helpers/idempotency';

const ctx = useEmulator();

const create = (parameters: Record<string, unknown>) => ({
	resource: 'session',
	operation: 'create',
	...parameters,
});

describe('session.create (v3)', () => {
	it("starts a session with every field mapped to Devin's names and outputs camelCase with a phase", async () => {
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: create({
				prompt: 'Fix the failing checkout test in acme/web',
				additionalFields: {
					title: 'Fix checkout test',
					tags: 'n8n, bugfix, n8n',
					repos: 'acme/web, acme/api',
					playbookId: 'playbook-1',
					childPlaybookId: 'playbook-2',
					knowledgeIds: 'note-1,note-2',
					secretIds: 'secret-1',
					attachmentUrls: 'https://files.devin.ai/a.log',
					sessionLinks: 'https://app.devin.ai/sessions/abc',
					maxAcuLimit: 5,
					devinMode: 'fast',
					platform: 'linux',
					bypassApproval: true,
					structuredOutputSchema: '{"type":"object","properties":{"summary":{"type":"string"}}}',
					structuredOutputRequired: false,
				},
			}),
		});
		expect(output).toHaveLength(1);
		const [item] = output;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			status: 'new',
			title: 'Fix checkout test',
			orgId: 'org-emulator-demo',
			acusConsumed: 0,
			pullRequests: [],
			phase: 'working',
			isNewSession: true,
		});
		expect(String(item.json.sessionId)).toMatch(/^devin-[0-9a-f]{32}$/);
		expect(item.json).not.toHaveProperty('session_id');

		const [post] = apiRequests(ctx.emulator, 'POST', '/sessions');
		expect(post.path).toBe('/v3/organizations/org-emulator-demo/sessions');
		expect(post.key).toBe('service');
		expect(post.body).toEqual({
			prompt: 'Fix the failing checkout test in acme/web',
			title: 'Fix checkout test',
			// Dedupe by Title (on by default) finds the session again by a tag made from the title.
			tags: ['n8n', 'bugfix', guardTag('title', 'Fix checkout test')],
			repos: ['acme/web', 'acme/api'],
			playbook_id: 'playbook-1',
			child_playbook_id: 'playbook-2',
			knowledge_ids: ['note-1', 'note-2'],
			secret_ids: ['secret-1'],
			attachment_urls: ['https://files.devin.ai/a.log'],
			session_links: ['https://app.devin.ai/sessions/abc'],
			max_acu_limit: 5,
			devin_mode: 'fast',
			platform: 'linux',
			bypass_approval: true,
			structured_output_schema: { type: 'object', properties: { summary: { type: 'string' } } },
			structured_output_required: false,
		});
	});

	it('looks the organization up once per execution when the credential has none', async () => {
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: create({ prompt: '={{ "Task " + $json.n }}' }),
			items: [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }],
		});
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(apiRequests(ctx.emulator, 'GET', '/v3/self')).toHaveLength(1);
		expect(apiRequests(ctx.emulator, 'POST').map((entry) => entry.body.prompt)).toEqual([
			'Task 1',
			'Task 2',
			'Task 3',
		]);
	});

	it('uses the organization from the credential without asking /v3/self', async () => {
		await runNode({
			credentials: credentialsFor(ctx.emulator, 'service', { organizationId: 'org-emulator-demo' }),
			parameters: create({ prompt: 'Hello' }),
		});
		expect(apiRequests(ctx.emulator, 'GET', '/v3/self')).toHaveLength(0);
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
	});

	it.each([
		['an empty prompt', { prompt: '   ' }, 'Prompt: is empty'],
		[
			'a title over 80 characters',
			{ prompt: 'x', additionalFields: { title: 'x'.repeat(81) } },
			'Title: is 81 characters; Devin accepts at most 80',
		],
		[
			'more than 50 tags',
			{
				prompt: 'x',
				additionalFields: { tags: Array.from({ length: 51 }, (_, i) => `t${i}`).join(',') },
			},
			'Tags: has 51 entries; Devin accepts at most 50',
		],
		[
			'a zero ACU limit',
			{ prompt: 'x', additionalFields: { maxAcuLimit: 0 } },
			'Max ACU Limit: must be a whole number of at least 1, got 0',
		],
		[
			'a schema that is not JSON',
			{ prompt: 'x', additionalFields: { structuredOutputSchema: '{nope' } },
			'Structured Output Schema: is not valid JSON',
		],
		[
			'a v1-only field',
			{ prompt: 'x', additionalFields: { idempotent: true } },
			'Idempotent is only available in Devin API v1; this credential uses v3',
		],
		[
			'an unknown Devin mode',
			{ prompt: 'x', additionalFields: { devinMode: 'turbo' } },
			'Devin Mode: "turbo" is not one of normal, fast, lite',
		],
	])('rejects %s before sending anything', async (_name, parameters, message) => {
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: create(parameters) }),
		);
		expect(error.message).toContain(message);
		expect(error.description).toBeTruthy();
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(0);
	});

	it('refuses Create As User ID unless the credential allows impersonation', async () => {
		const parameters = create({ prompt: 'x', additionalFields: { createAsUserId: 'user-42' } });
		const error = await failure(runNode({ credentials: credentialsFor(ctx.emulator), parameters }));
		expect(error.message).toBe(
			'Create As User ID: is set, but the credential does not allow impersonation',
		);
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(0);

		const output = await runNode({
			credentials: credentialsFor(ctx.emulator, 'admin', { allowImpersonation: true }),
			parameters,
		});
		expect(output[0].json.userId).toBe('user-42');
		expect(apiRequests(ctx.emulator, 'POST')[0].body.create_as_user_id).toBe('user-42');
	});

	it('explains a 403 when the key lacks the impersonation permission', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'service', { allowImpersonation: true }),
				parameters: create({ prompt: 'x', additionalFields: { createAsUserId: 'user-42' } }),
			}),
		);
		expect(error.message).toBe(
			'The Devin API answered 403: Forbidden: Missing permission: ImpersonateOrgSessions',
		);
		expect(error.description).toMatch(
			/lacks the ManageOrgSessions and ImpersonateOrgSessions permission/,
		);
		expect(error.httpCode).toBe('403');
	});

	it('never sends inline session secrets', async () => {
		await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: create({ prompt: 'x', additionalFields: { secretIds: 'secret-1' } }),
		});
		const [post] = apiRequests(ctx.emulator, 'POST');
		expect(post.body).not.toHaveProperty('session_secrets');
	});
});

describe('session.create duplicate guard (v3)', () => {
	it('returns the active session with the same title instead of paying for a second one', async () => {
		const parameters = create({
			prompt: 'Nightly dependency bump',
			additionalFields: { title: 'Nightly bump' },
		});
		const [first] = await runNode({ credentials: credentialsFor(ctx.emulator), parameters });
		const [second] = await runNode({ credentials: credentialsFor(ctx.emulator), parameters });
		expect(first.json.isNewSession).toBe(true);
		expect(second.json.isNewSession).toBe(false);
		expect(second.json.sessionId).toBe(first.json.sessionId);
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
	});

	it('starts a new session when the earlier one has finished or the guard is off', async () => {
		const parameters = create({
			prompt: 'Nightly dependency bump',
			additionalFields: { title: 'Nightly bump' },
		});
		const [first] = await runNode({ credentials: credentialsFor(ctx.emulator), parameters });
		ctx.emulator.store.patch(ctx.emulator.store.get(String(first.json.sessionId)), {
			status: 'running',
			status_detail: 'finished',
		});
		const [second] = await runNode({ credentials: credentialsFor(ctx.emulator), parameters });
		expect(second.json.isNewSession).toBe(true);
		const [third] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: { ...parameters, options: { dedupeByTitle: false } },
		});
		expect(third.json.isNewSession).toBe(true);
		expect(new Set([first.json.sessionId, second.json.sessionId, third.json.sessionId]).size).toBe(
			3,
		);
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(3);
	});
});

describe('session.create failures', () => {
	it('retries a 429 and creates exactly one session', async () => {
		ctx.emulator.addFault({
			method: 'POST',
			path: '/sessions',
			status: 429,
			retryAfter: 0,
			count: 1,
		});
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: create({ prompt: 'x' }),
		});
		expect(item.json.isNewSession).toBe(true);
		expect(apiRequests(ctx.emulator, 'POST').map((entry) => entry.status)).toEqual([429, 200]);
		expect(ctx.emulator.store.list()).toHaveLength(1);
	});

	it('never resends a create that failed with 503 after reaching Devin', async () => {
		ctx.emulator.addFault({
			method: 'POST',
			path: '/sessions',
			status: 503,
			after: true,
			count: 3,
		});
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: create({ prompt: 'x' }) }),
		);
		expect(error.message).toBe('The Devin API answered 503: Internal server error');
		expect(error.description).toMatch(
			/not resent, so you are never charged twice: check Devin for a new session/,
		);
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
		expect(ctx.emulator.store.list()).toHaveLength(1);
	});

	it('never resends a create whose connection dropped', async () => {
		ctx.emulator.addFault({ method: 'POST', path: '/sessions', kind: 'reset', after: true });
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: create({ prompt: 'x' }) }),
		);
		expect(error.message).toMatch(
			/^The request to the Devin API at 127\.0\.0\.1:\d+ failed: the connection was reset$/,
		);
		expect(error.description).toMatch(
			/It was not resent, so you are never charged twice: check Devin for a new session/,
		);
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
		expect(ctx.emulator.store.list()).toHaveLength(1);
	});

	it('outputs an error item per failing item under Continue On Fail and goes on', async () => {
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: create({ prompt: '={{ $json.prompt }}' }),
			items: [{ json: { prompt: '' } }, { json: { prompt: 'Real task' } }],
			continueOnFail: true,
		});
		expect(output).toHaveLength(2);
		expect(output[0]).toEqual({
			json: { error: 'Prompt: is empty', description: 'Tell Devin what to do.' },
			pairedItem: { item: 0 },
		});
		expect(output[1].json.phase).toBe('working');
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});

	it('reports the failing item when Continue On Fail is off', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: create({ prompt: '={{ $json.prompt }}' }),
				items: [{ json: { prompt: 'ok' } }, { json: { prompt: '' } }],
			}),
		);
		expect(error.context.itemIndex).toBe(1);
	});
});

describe('session.create (v1)', () => {
	it('sends v1 fields, puts attachments in the prompt as ATTACHMENT lines and outputs camelCase', async () => {
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: create({
				prompt: 'Summarise the log',
				additionalFields: {
					title: 'Log summary',
					tags: 'n8n',
					attachmentUrls: 'https://files.devin.ai/attachments/1/app.log',
					snapshotId: 'snap-1',
					unlisted: true,
					maxAcuLimit: 3,
				},
			}),
		});
		expect(item.json).toMatchObject({ isNewSession: true, phase: 'working' });
		expect(String(item.json.sessionId)).toMatch(/^devin-/);
		const [post] = apiRequests(ctx.emulator, 'POST');
		expect(post.path).toBe('/v1/sessions');
		expect(post.key).toBe('legacy');
		expect(post.body).toEqual({
			prompt: 'Summarise the log\nATTACHMENT:"https://files.devin.ai/attachments/1/app.log"',
			title: 'Log summary',
			tags: ['n8n'],
			snapshot_id: 'snap-1',
			unlisted: true,
			max_acu_limit: 3,
		});
	});

	it("uses v1's idempotent flag to return the existing session", async () => {
		const parameters = create({ prompt: 'Same task', additionalFields: { idempotent: true } });
		const [first] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters,
		});
		const [second] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters,
		});
		expect(second.json.sessionId).toBe(first.json.sessionId);
		expect(second.json.isNewSession).toBe(false);
	});

	it('rejects v3-only fields before sending', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: create({ prompt: 'x', additionalFields: { repos: 'acme/web' } }),
			}),
		);
		expect(error.message).toBe(
			'Repositories is only available in Devin API v3; this credential uses v1',
		);
		expect(error.description).toMatch(/cog_ service-user key/);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});
