import { failure } from '../../../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();

const knowledge = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'knowledge',
	operation,
	...extra,
});
const note = (id: string) => ({ __rl: true, mode: 'id', value: id });
const createParameters = (name: string, extra: Record<string, unknown> = {}) =>
	knowledge('create', { name, body: `How to ${name}`, trigger: `When doing ${name}`, ...extra });

describe('knowledge notes (v3)', () => {
	it('creates, gets, updates (keeping untouched fields) and deletes a note', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const [created] = await runNode({
			credentials,
			parameters: createParameters('deploy', {
				additionalFields: { pinnedRepo: 'acme/web', isEnabled: false },
			}),
		});
		expect(created.json).toMatchObject({
			noteId: expect.stringMatching(/^note-/),
			name: 'deploy',
			body: 'How to deploy',
			trigger: 'When doing deploy',
			pinnedRepo: 'acme/web',
			isEnabled: false,
		});
		const id = String(created.json.noteId);
		const [got] = await runNode({
			credentials,
			parameters: knowledge('get', { noteId: note(id) }),
		});
		expect(got.json.name).toBe('deploy');

		const [updated] = await runNode({
			credentials,
			parameters: knowledge('update', { noteId: note(id), updateFields: { body: 'New steps' } }),
		});
		expect(updated.json).toMatchObject({
			noteId: id,
			name: 'deploy',
			body: 'New steps',
			pinnedRepo: 'acme/web',
			isEnabled: false,
		});
		const put = apiRequests(ctx.emulator, 'PUT')[0];
		expect(put.body).toEqual({
			name: 'deploy',
			body: 'New steps',
			trigger: 'When doing deploy',
			folder_id: null,
			is_enabled: false,
			pinned_repo: 'acme/web',
		});

		const [deleted] = await runNode({
			credentials,
			parameters: knowledge('delete', { noteId: note(id) }),
		});
		expect(deleted.json).toEqual({ deleted: true, id });
		expect(
			(await failure(runNode({ credentials, parameters: knowledge('get', { noteId: note(id) }) })))
				.httpCode,
		).toBe('404');
	});

	it('lists with filters and pages through Return All', async () => {
		const credentials = credentialsFor(ctx.emulator);
		for (let index = 0; index < 5; index++) {
			await runNode({
				credentials,
				parameters: createParameters(`topic ${index}`, {
					additionalFields: { pinnedRepo: index < 2 ? 'acme/api' : '' },
				}),
			});
		}
		const pinned = await runNode({
			credentials,
			parameters: knowledge('getMany', { filters: { pinnedRepo: 'acme/api' } }),
		});
		expect(pinned.map((item) => item.json.name).sort()).toEqual(['topic 0', 'topic 1']);
		const searched = await runNode({
			credentials,
			parameters: knowledge('getMany', { filters: { search: 'TOPIC 4' } }),
		});
		expect(searched.map((item) => item.json.name)).toEqual(['topic 4']);
		expect(
			apiRequests(ctx.emulator, 'GET', '/knowledge/notes').map((entry) => entry.query),
		).toContainEqual({
			search: ['TOPIC 4'],
			first: ['50'],
		});
	});

	it('refuses an update with nothing to change, before sending', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: knowledge('update', { noteId: note('note-1'), updateFields: {} }),
			}),
		);
		expect(error.message).toBe('Update Fields: has nothing to change');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('knowledge notes (v1)', () => {
	it("speaks v1's field names and gives the same output shape", async () => {
		const credentials = credentialsFor(ctx.emulator, 'legacy');
		const [created] = await runNode({
			credentials,
			parameters: createParameters('billing', { additionalFields: { pinnedRepo: 'acme/billing' } }),
		});
		expect(created.json).toMatchObject({
			noteId: expect.any(String),
			name: 'billing',
			trigger: 'When doing billing',
			pinnedRepo: 'acme/billing',
		});
		expect(apiRequests(ctx.emulator, 'POST')[0]).toMatchObject({
			path: '/v1/knowledge',
			body: {
				name: 'billing',
				body: 'How to billing',
				trigger_description: 'When doing billing',
				pinned_repo: 'acme/billing',
			},
		});
		const id = String(created.json.noteId);
		const [got] = await runNode({
			credentials,
			parameters: knowledge('get', { noteId: note(id) }),
		});
		expect(got.json).toMatchObject({ noteId: id, trigger: 'When doing billing' });
		const [updated] = await runNode({
			credentials,
			parameters: knowledge('update', {
				noteId: note(id),
				updateFields: { trigger: 'On invoices' },
			}),
		});
		expect(updated.json).toMatchObject({ noteId: id, name: 'billing', trigger: 'On invoices' });
		expect(apiRequests(ctx.emulator, 'PUT')[0].body).toEqual({
			name: 'billing',
			body: 'How to billing',
			trigger_description: 'On invoices',
			parent_folder_id: null,
			pinned_repo: 'acme/billing',
		});
		const listed = await runNode({
			credentials,
			parameters: knowledge('getMany', { filters: { search: 'invoices' } }),
		});
		expect(listed.map((item) => item.json.noteId)).toEqual([id]);
		expect(
			(await runNode({ credentials, parameters: knowledge('delete', { noteId: note(id) }) }))[0]
				.json,
		).toEqual({ deleted: true, id });
	});

	it('says what v1 lacks, before any request', async () => {
		const credentials = credentialsFor(ctx.emulator, 'legacy');
		const folder = await failure(
			runNode({
				credentials,
				parameters: knowledge('getMany', { filters: { folderPath: '/Engineering' } }),
			}),
		);
		expect(folder.message).toBe(
			'Folder Path is only available in Devin API v3; this credential uses v1',
		);
		const enabled = await failure(
			runNode({
				credentials,
				parameters: createParameters('x', { additionalFields: { isEnabled: true } }),
			}),
		);
		expect(enabled.message).toBe(
			'Enabled is only available in Devin API v3; this credential uses v1',
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('says a missing note is missing', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: knowledge('get', { noteId: note('note-missing') }),
			}),
		);
		expect(error.message).toBe('Knowledge note note-missing was not found');
	});
});
