import { failure } from '../../../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();

const playbook = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'playbook',
	operation,
	...extra,
});
const locator = (id: string) => ({ __rl: true, mode: 'id', value: id });
const SCHEMA = { type: 'object', properties: { pr_url: { type: 'string' } } };

describe('playbooks (v3)', () => {
	it('creates, gets, updates and deletes a playbook; the schema stays as written', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const [created] = await runNode({
			credentials,
			parameters: playbook('create', {
				title: 'Triage',
				body: '1. Reproduce\n2. Fix',
				additionalFields: { macro: '!triage', structuredOutputSchema: JSON.stringify(SCHEMA) },
			}),
		});
		expect(created.json).toMatchObject({
			playbookId: expect.stringMatching(/^playbook-/),
			title: 'Triage',
			macro: '!triage',
			structuredOutputSchema: SCHEMA,
		});
		const id = String(created.json.playbookId);
		expect(
			(await runNode({ credentials, parameters: playbook('get', { playbookId: locator(id) }) }))[0]
				.json.title,
		).toBe('Triage');
		const [updated] = await runNode({
			credentials,
			parameters: playbook('update', {
				playbookId: locator(id),
				updateFields: { title: 'Bug triage' },
			}),
		});
		expect(updated.json).toMatchObject({
			title: 'Bug triage',
			body: '1. Reproduce\n2. Fix',
			macro: '!triage',
			structuredOutputSchema: SCHEMA,
		});
		expect(
			(
				await runNode({ credentials, parameters: playbook('delete', { playbookId: locator(id) }) })
			)[0].json,
		).toEqual({ deleted: true, id });
	});

	it('checks the macro before sending and passes on a duplicate macro', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const bad = await failure(
			runNode({
				credentials,
				parameters: playbook('create', {
					title: 't',
					body: 'b',
					additionalFields: { macro: 'triage' },
				}),
			}),
		);
		expect(bad.message).toBe('Macro: "triage" is not a macro');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
		await runNode({
			credentials,
			parameters: playbook('create', {
				title: 'a',
				body: 'b',
				additionalFields: { macro: '!same' },
			}),
		});
		const duplicate = await failure(
			runNode({
				credentials,
				parameters: playbook('create', {
					title: 'c',
					body: 'd',
					additionalFields: { macro: '!same' },
				}),
			}),
		);
		expect(duplicate.httpCode).toBe('409');
	});

	it('pages through Return All', async () => {
		const credentials = credentialsFor(ctx.emulator);
		for (let index = 0; index < 3; index++) {
			await runNode({
				credentials,
				parameters: playbook('create', { title: `p${index}`, body: 'b' }),
			});
		}
		expect(
			await runNode({ credentials, parameters: playbook('getMany', { returnAll: true }) }),
		).toHaveLength(3);
		expect(
			await runNode({ credentials, parameters: playbook('getMany', { limit: 2 }) }),
		).toHaveLength(2);
	});
});

describe('playbooks (v1)', () => {
	it('creates, lists, gets, updates and deletes', async () => {
		const credentials = credentialsFor(ctx.emulator, 'legacy');
		const [created] = await runNode({
			credentials,
			parameters: playbook('create', {
				title: 'Deploy',
				body: 'Steps',
				additionalFields: { macro: '!deploy' },
			}),
		});
		const id = String(created.json.playbookId);
		expect(id).toMatch(/^playbook-/);
		expect(
			(await runNode({ credentials, parameters: playbook('getMany') })).map(
				(item) => item.json.playbookId,
			),
		).toEqual([id]);
		expect(
			(await runNode({ credentials, parameters: playbook('get', { playbookId: locator(id) }) }))[0]
				.json.title,
		).toBe('Deploy');
		const [updated] = await runNode({
			credentials,
			parameters: playbook('update', {
				playbookId: locator(id),
				updateFields: { body: 'New steps' },
			}),
		});
		expect(updated.json).toMatchObject({ title: 'Deploy', body: 'New steps', macro: '!deploy' });
		expect(
			(
				await runNode({ credentials, parameters: playbook('delete', { playbookId: locator(id) }) })
			)[0].json,
		).toEqual({ deleted: true, id });
	});

	it('says a structured output schema needs v3', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: playbook('create', {
					title: 't',
					body: 'b',
					additionalFields: { structuredOutputSchema: SCHEMA },
				}),
			}),
		);
		expect(error.message).toBe(
			'Structured Output Schema is only available in Devin API v3; this credential uses v1',
		);
	});
});
