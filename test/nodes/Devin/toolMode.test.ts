import type { IDataObject } from 'n8n-workflow';

import { failure } from '../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../helpers/emulator';
import { runNode, type RunOptions } from '../../helpers/n8n';

const ctx = useEmulator();

/** Runs the Devin Tool as an agent calls it: the node's settings, and the model's arguments. */
const asAgent = (
	parameters: Record<string, unknown>,
	args: IDataObject = {},
	options: Partial<RunOptions> = {},
) =>
	runNode({
		credentials: credentialsFor(ctx.emulator),
		parameters,
		items: [{ json: args }],
		nodeTypeName: 'devinTool',
		...options,
	});

/** What a model should never read: paths, organization IDs, keys, node settings. */
function expectNothingInternal(text: string) {
	expect(text).not.toMatch(/\/v[13]\/|organizations\/|org-[a-z0-9]|cog_|apk_/i);
	expect(text).not.toMatch(
		/Timeout \(Minutes\)|Wait for Completion|Stop On|credential's|Settings →/,
	);
}

describe('as an AI agent tool', () => {
	it('outputs a lean session, without bookkeeping fields', async () => {
		const [session] = ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'finished',
			structured_output: { summary: 'done' },
		});
		const parameters = { resource: 'session', operation: 'get', sessionId: session.session_id };
		const [lean] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters,
			nodeTypeName: 'devinTool',
		});
		const [full] = await runNode({ credentials: credentialsFor(ctx.emulator), parameters });
		expect(lean.json).toMatchObject({
			sessionId: session.session_id,
			phase: 'finished',
			structuredOutput: { summary: 'done' },
		});
		for (const field of ['orgId', 'childSessionIds', 'parentSessionId', 'category']) {
			expect(full.json).toHaveProperty(field);
			expect(lean.json).not.toHaveProperty(field);
		}
	});

	it('gives everything with Raw Output', async () => {
		const [session] = ctx.emulator.seedSessions(1, { status: 'exit' });
		const [raw] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: {
				resource: 'session',
				operation: 'get',
				sessionId: session.session_id,
				options: { rawOutput: true },
			},
			nodeTypeName: 'devinTool',
		});
		expect(raw.json).toHaveProperty('org_id');
	});

	it('puts the fix into the error message, which is all an agent reads', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: {
					resource: 'session',
					operation: 'create',
					prompt: 'x',
					additionalFields: { title: 'y'.repeat(90) },
				},
				nodeTypeName: 'devinTool',
			}),
		);
		expect(error.message).toBe(
			'Title: is 90 characters; Devin accepts at most 80. Shorten it to 80 characters.',
		);
	});

	it('accepts JSON fields as objects or as text, as agents send either', async () => {
		const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };
		for (const structuredOutputSchema of [schema, JSON.stringify(schema)]) {
			await runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: {
					resource: 'session',
					operation: 'create',
					prompt: 'x',
					additionalFields: { structuredOutputSchema },
				},
				nodeTypeName: 'devinTool',
			});
		}
		const bodies = ctx.emulator.requests
			.filter((entry) => entry.method === 'POST')
			.map((entry) => entry.body.structured_output_schema);
		expect(bodies).toEqual([schema, schema]);
	});
});

describe('Devin Tool, as a model meets it', () => {
	it("Create Session sends the model's prompt, leaves out what it did not give and caps ACUs", async () => {
		const [output] = await asAgent(
			{ resource: 'session', operation: 'create' },
			{ Prompt: 'Fix the flaky checkout test in acme/web', Tags: 'agent' },
		);
		const [sent] = apiRequests(ctx.emulator, 'POST', '/sessions');
		expect(sent.body).toEqual({
			prompt: 'Fix the flaky checkout test in acme/web',
			tags: ['agent'],
			max_acu_limit: 10,
		});
		expect(apiRequests(ctx.emulator, 'GET', '/sessions')).toEqual([]); // no title: no duplicate look-up
		expect(output.json).toMatchObject({
			sessionId: expect.stringMatching(/^devin-/),
			url: expect.stringContaining('/sessions/'),
			phase: 'working',
			status: 'Devin is starting up',
			isNewSession: true,
		});
		expect(output.json).not.toHaveProperty('statusDetail');
		expect(Object.values(output.json)).not.toContain(null);
	});

	it('a lean session has its phase and one status sentence that agree', async () => {
		const cases = [
			[{ status: 'running', status_detail: 'finished' }, 'finished', /^Devin finished the task/],
			[{ status: 'running', status_detail: 'waiting_for_approval' }, 'waitingForUser', /approval/],
			[{ status: 'suspended', status_detail: 'out_of_credits' }, 'blocked', /out of credits/],
			[{ status: 'suspended', status_detail: 'inactivity' }, 'suspended', /asleep/],
		] as const;
		for (const [fields, phase, status] of cases) {
			const [session] = ctx.emulator.seedSessions(1, fields);
			const [output] = await asAgent(
				{ resource: 'session', operation: 'get' },
				{ Session: session.session_id },
			);
			expect(output.json.phase).toBe(phase);
			expect(output.json.status).toMatch(status);
			expect(output.json).not.toHaveProperty('statusDetail');
		}
	});

	it('a bad session ID: what went wrong and what to do, in two sentences', async () => {
		const error = await failure(
			asAgent({ resource: 'session', operation: 'get' }, { Session: 'devin-doesnotexist' }),
		);
		expect(error.message).toBe(
			'Devin found no session with that ID (Devin said: Session devin-doesnotexist not found). Check the ID (session IDs look like devin-…), or list the sessions to find the right one.',
		);
		expect(error.description).toBeUndefined();
		expectNothingInternal(error.message);
	});

	it('the same failure in a normal node keeps every detail for the builder', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: { resource: 'session', operation: 'get', sessionId: 'devin-doesnotexist' },
			}),
		);
		expect(error.description).toMatch(/Request: GET \/v3\/organizations\/org-/);
	});

	it('a wait that runs out tells the model to check later, not which setting to change', async () => {
		const error = await failure(
			asAgent(
				{
					resource: 'session',
					operation: 'create',
					waitForCompletion: true,
					timeoutMinutes: 0.005,
					pollIntervalSeconds: 0.1,
				},
				{ Prompt: 'Fix it' },
			),
		);
		const [session] = ctx.emulator.store.list();
		expect(error.message).toMatch(
			new RegExp(
				`^Session ${session.session_id} is still Working after 0\\.01 min; it keeps running in Devin \\(http.*\\)\\. Get the session with ID ${session.session_id} later to see its progress and results, instead of waiting now\\.$`,
			),
		);
		expectNothingInternal(error.message);
	});

	it.each([
		[
			'a revoked key',
			{ apiKey: 'cog_example_revoked_0123456789' },
			undefined,
			/^Devin did not accept the API key of this n8n connection/,
		],
		[
			'a missing permission',
			{},
			'readOnly',
			/^The API key of this n8n connection is not allowed to do this in Devin/,
		],
	] as const)('%s: tell the user, retrying will not help', async (_name, extra, key, message) => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, key ?? 'service', extra),
				parameters: { resource: 'session', operation: 'create' },
				items: [{ json: { Prompt: 'Fix it' } }],
				nodeTypeName: 'devinTool',
			}),
		);
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/Tell the user; retrying will not help/);
		expectNothingInternal(error.message);
	});

	it('a create that failed after reaching Devin: do not start it again', async () => {
		ctx.emulator.addFault({ method: 'POST', path: '/sessions', status: 503, after: true });
		const error = await failure(
			asAgent({ resource: 'session', operation: 'create' }, { Prompt: 'Fix it' }),
		);
		expect(error.message).toBe(
			'Devin failed while starting the session, which may have started anyway. Do not start it again: list or get recent sessions first to check.',
		);
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(1);
	});

	it("with Continue On Fail, the error item holds the model's text only", async () => {
		const [item] = await asAgent(
			{ resource: 'session', operation: 'get' },
			{ Session: 'devin-doesnotexist' },
			{ continueOnFail: true },
		);
		expect(Object.keys(item.json)).toEqual(['error', 'httpCode']);
		expectNothingInternal(String(item.json.error));
	});
});
