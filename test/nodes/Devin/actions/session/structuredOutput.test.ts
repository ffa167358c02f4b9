import { failure } from '../../../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

// Every request moves the emulator's clock 20 s, so a session finishes within a few polls.
const ctx = useEmulator({ advancePerRequestMs: 20_000 });

const EXAMPLE = {
	summary: 'What changed',
	files_changed: ['src/a.ts'],
	risk: { level: 'low', needs_review: false },
};

const create = (
	additionalFields: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) => ({
	resource: 'session',
	operation: 'create',
	prompt: 'Fix the flaky test in acme/web',
	additionalFields,
	...extra,
});
const sentBody = () => apiRequests(ctx.emulator, 'POST', '/sessions')[0]?.body;

describe('structured output from a JSON example', () => {
	it('derives a Draft 7 schema from the example and returns the output exactly as it describes it', async () => {
		const [session] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: create(
				{
					structuredOutputSchemaType: 'fromJson',
					structuredOutputExample: JSON.stringify(EXAMPLE),
					structuredOutputRequired: true,
				},
				{ waitForCompletion: true, pollIntervalSeconds: 0.01 },
			),
		});
		expect(sentBody()).toMatchObject({
			structured_output_required: true,
			structured_output_schema: {
				$schema: 'http://json-schema.org/draft-07/schema#',
				type: 'object',
				required: ['summary', 'files_changed', 'risk'],
				properties: {
					summary: { type: 'string' },
					files_changed: { type: 'array', items: { type: 'string' } },
					risk: {
						type: 'object',
						properties: { level: { type: 'string' }, needs_review: { type: 'boolean' } },
						required: ['level', 'needs_review'],
					},
				},
			},
		});
		expect(session.json.phase).toBe('finished');
		// The user's keys are theirs: snake_case stays snake_case.
		expect(session.json.structuredOutput).toEqual({
			summary: 'example summary',
			files_changed: ['example files_changed'],
			risk: { level: 'example level', needs_review: true },
		});
	});

	it('camelCases the structured output only when asked to', async () => {
		const [session] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: create(
				{ structuredOutputExample: EXAMPLE },
				{
					waitForCompletion: true,
					pollIntervalSeconds: 0.01,
					options: { camelCaseStructuredOutput: true },
				},
			),
		});
		expect(session.json.structuredOutput).toEqual({
			summary: 'example summary',
			filesChanged: ['example files_changed'],
			risk: { level: 'example level', needsReview: true },
		});
		const [fetched] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: {
				resource: 'session',
				operation: 'get',
				sessionId: { __rl: true, mode: 'id', value: session.json.sessionId },
				options: { camelCaseStructuredOutput: false },
			},
		});
		expect(fetched.json.structuredOutput).toHaveProperty('files_changed');
	});

	it.each([
		[
			'a schema that refers to another document',
			{
				structuredOutputSchemaType: 'manual',
				structuredOutputSchema: {
					type: 'object',
					properties: { a: { $ref: 'https://example.com/a.json' } },
				},
			},
			'Structured Output Schema: refers to another document with $ref https://example.com/a.json',
		],
		[
			'an example whose schema is over 64 KB',
			{
				structuredOutputSchemaType: 'fromJson',
				structuredOutputExample: Object.fromEntries(
					Array.from({ length: 3_000 }, (_, index) => [`field_${index}`, 'x']),
				),
			},
			'Structured Output Example: gives a schema of',
		],
		[
			'an empty example',
			{ structuredOutputSchemaType: 'fromJson', structuredOutputExample: '' },
			'Structured Output Example: is empty',
		],
	])('rejects %s before creating (and paying for) a session', async (_name, fields, message) => {
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: create(fields) }),
		);
		expect(error.message).toContain(message);
		expect(error.description).toBeTruthy();
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(0);
	});
});

describe('Create Session → Repositories', () => {
	it.each([
		[
			'comma-separated text saved by older workflows',
			'acme/web, acme/api',
			['acme/web', 'acme/api'],
		],
		[
			'a repository picked from the list',
			{ __rl: true, mode: 'list', value: 'acme/web' },
			['acme/web'],
		],
		[
			'several typed by path, a URL among them',
			{ __rl: true, mode: 'path', value: 'acme/web, https://github.com/acme/api' },
			['acme/web', 'acme/api'],
		],
		[
			'a list from an expression',
			{ __rl: true, mode: 'path', value: '={{ ["acme/web", "acme/docs"] }}' },
			['acme/web', 'acme/docs'],
		],
	])('accepts %s', async (_name, repos, expected) => {
		await runNode({ credentials: credentialsFor(ctx.emulator), parameters: create({ repos }) });
		expect(sentBody().repos).toEqual(expected);
	});
});
