import { failure } from '../../helpers/failure';
import { credentialsFor, useEmulator } from '../../helpers/emulator';
import { runNode } from '../../helpers/n8n';

const ctx = useEmulator();

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
