'use strict';

const { detail, reply, validation } = require('./http');
const { cursorPage } = require('./pagination');
const { newId } = require('./sessions');
const { validate } = require('./validation');

const seconds = (ms) => Math.floor(ms / 1000);
const iso = (ms) => new Date(ms).toISOString();
const NEWEST_FIRST = { keyOf: (item) => [item.created_ms, item.id], direction: -1 };

/**
 * Knowledge notes, playbooks and secrets: one store each, seen by v3 (cursor pages, v3 names)
 * and v1 (whole lists, v1 names). Secret values are kept but never answered.
 */
function register(emulator) {
	emulator.onReset(() => {
		emulator.data.notes = new Map();
		emulator.data.playbooks = new Map();
		emulator.data.secrets = new Map();
		emulator.data.folders = [
			{
				folder_id: 'folder-engineering',
				name: 'Engineering',
				path: '/Engineering',
				parent_folder_id: null,
			},
			{
				folder_id: 'folder-frontend',
				name: 'Frontend',
				path: '/Engineering/Frontend',
				parent_folder_id: 'folder-engineering',
			},
		];
	});
	const now = () => emulator.clock.now();
	const inOrg = (map, ctx) => [...map.values()].filter((item) => item.org_id === ctx.orgId);
	const sorted = (items) =>
		items.sort((a, b) => b.created_ms - a.created_ms || (a.id < b.id ? 1 : -1));
	const find = (map, ctx, id, noun) => {
		const item = map.get(id);
		if (!item || item.org_id !== ctx.orgId) throw detail(404, `${noun} ${id} not found`);
		return item;
	};
	const who = (ctx) => ctx.principal.service_user_id || ctx.principal.user_id || null;

	// Knowledge notes.
	const NOTE = {
		name: { type: 'string', required: true, minLength: 1 },
		body: { type: 'string', required: true },
		trigger: { type: 'string', required: true, minLength: 1 },
		folder_id: { type: 'string', nullable: true },
		is_enabled: { type: 'boolean' },
		pinned_repo: { type: 'string', nullable: true },
	};
	const folderOf = (id) => {
		if (id === undefined || id === null) return null;
		const folder = emulator.data.folders.find((entry) => entry.folder_id === id);
		if (!folder)
			throw validation([
				{
					type: 'value_error',
					loc: ['body', 'folder_id'],
					msg: `Value error, unknown folder ${id}`,
					input: id,
				},
			]);
		return folder;
	};
	const noteV3 = (note) => ({
		note_id: note.id,
		name: note.name,
		body: note.body,
		trigger: note.trigger,
		folder_id: note.folder_id,
		folder_path: note.folder_id ? folderOf(note.folder_id).path : null,
		is_enabled: note.is_enabled,
		macro: null,
		pinned_repo: note.pinned_repo,
		access_type: 'org',
		org_id: note.org_id,
		created_at: seconds(note.created_ms),
		updated_at: seconds(note.updated_ms),
	});
	const noteV1 = (note) => ({
		id: note.id,
		name: note.name,
		body: note.body,
		trigger_description: note.trigger,
		parent_folder_id: note.folder_id,
		pinned_repo: note.pinned_repo,
		created_at: iso(note.created_ms),
	});
	const writeNote = (ctx, fields, existing) => {
		folderOf(fields.folder_id);
		const note = existing || {
			id: newId('note-').slice(0, 21),
			org_id: ctx.orgId,
			created_ms: now(),
		};
		Object.assign(note, {
			name: fields.name,
			body: fields.body,
			trigger: fields.trigger,
			folder_id: fields.folder_id ?? null,
			is_enabled: fields.is_enabled ?? existing?.is_enabled ?? true,
			pinned_repo: fields.pinned_repo ?? null,
			updated_ms: now(),
		});
		emulator.data.notes.set(note.id, note);
		return note;
	};
	const notesRoute = (method, pattern, handler) =>
		emulator.route(method, `/v3/organizations/:org/knowledge${pattern}`, handler, {
			version: 'v3',
			permission: 'ManageAccountKnowledge',
		});
	notesRoute('GET', '/notes', (ctx) => {
		const search = (ctx.query.search || '').toLowerCase();
		const notes = sorted(inOrg(emulator.data.notes, ctx)).filter(
			(note) =>
				(!search ||
					[note.name, note.body, note.trigger].some((text) =>
						text.toLowerCase().includes(search),
					)) &&
				(ctx.query.folder_path === undefined ||
					(note.folder_id && folderOf(note.folder_id).path === ctx.query.folder_path)) &&
				(ctx.query.pinned_repo === undefined || note.pinned_repo === ctx.query.pinned_repo),
		);
		const page = cursorPage(notes, ctx.query, NEWEST_FIRST);
		return { ...page, items: page.items.map(noteV3) };
	});
	notesRoute('POST', '/notes', (ctx) => noteV3(writeNote(ctx, validate(ctx.json(), NOTE))));
	notesRoute('GET', '/notes/:id', (ctx) =>
		noteV3(find(emulator.data.notes, ctx, ctx.params.id, 'Knowledge note')),
	);
	notesRoute('PUT', '/notes/:id', (ctx) => {
		const note = find(emulator.data.notes, ctx, ctx.params.id, 'Knowledge note');
		return noteV3(writeNote(ctx, validate(ctx.json(), NOTE), note));
	});
	notesRoute('DELETE', '/notes/:id', (ctx) => {
		const note = find(emulator.data.notes, ctx, ctx.params.id, 'Knowledge note');
		emulator.data.notes.delete(note.id);
		return noteV3(note);
	});
	notesRoute('GET', '/folders', (ctx) => {
		const notes = inOrg(emulator.data.notes, ctx);
		return {
			folders: emulator.data.folders.map((folder) => ({
				...folder,
				note_count: notes.filter((note) => note.folder_id === folder.folder_id).length,
			})),
			root_note_count: notes.filter((note) => !note.folder_id).length,
		};
	});
	const NOTE_V1 = {
		name: { type: 'string', required: true, minLength: 1 },
		body: { type: 'string', required: true },
		trigger_description: { type: 'string', required: true, minLength: 1 },
		parent_folder_id: { type: 'string', nullable: true },
		pinned_repo: { type: 'string', nullable: true },
	};
	const fromV1 = (body) => ({
		name: body.name,
		body: body.body,
		trigger: body.trigger_description,
		folder_id: body.parent_folder_id,
		pinned_repo: body.pinned_repo,
	});
	const v1 = (method, pattern, handler) =>
		emulator.route(method, `/v1${pattern}`, handler, { version: 'v1' });
	v1('GET', '/knowledge', (ctx) => ({
		knowledge: sorted(inOrg(emulator.data.notes, ctx)).map(noteV1),
		folders: emulator.data.folders.map((folder) => ({
			id: folder.folder_id,
			name: folder.name,
			description: folder.path,
		})),
	}));
	v1('POST', '/knowledge', (ctx) => noteV1(writeNote(ctx, fromV1(validate(ctx.json(), NOTE_V1)))));
	v1('PUT', '/knowledge/:id', (ctx) => {
		const note = find(emulator.data.notes, ctx, ctx.params.id, 'Knowledge note');
		return noteV1(writeNote(ctx, fromV1(validate(ctx.json(), NOTE_V1)), note));
	});
	v1('DELETE', '/knowledge/:id', (ctx) => {
		emulator.data.notes.delete(find(emulator.data.notes, ctx, ctx.params.id, 'Knowledge note').id);
		return { detail: 'Knowledge deleted' };
	});

	// Playbooks.
	const PLAYBOOK = {
		title: { type: 'string', required: true, minLength: 1 },
		body: { type: 'string', required: true },
		macro: { type: 'string', nullable: true },
		structured_output_schema: { type: 'object', nullable: true, maxBytes: 64 * 1024 },
	};
	const playbookV3 = (playbook) => ({
		playbook_id: playbook.id,
		title: playbook.title,
		body: playbook.body,
		macro: playbook.macro,
		structured_output_schema: playbook.structured_output_schema,
		access_type: 'org',
		org_id: playbook.org_id,
		created_at: seconds(playbook.created_ms),
		created_by: playbook.created_by,
		updated_at: seconds(playbook.updated_ms),
		updated_by: playbook.updated_by,
	});
	const playbookV1 = (playbook) => ({
		playbook_id: playbook.id,
		title: playbook.title,
		body: playbook.body,
		macro: playbook.macro,
		created_at: iso(playbook.created_ms),
		updated_at: iso(playbook.updated_ms),
	});
	const writePlaybook = (ctx, fields, existing) => {
		if (fields.macro !== undefined && fields.macro !== null) {
			if (!/^![A-Za-z0-9_-]+$/.test(fields.macro)) {
				throw validation([
					{
						type: 'string_pattern_mismatch',
						loc: ['body', 'macro'],
						msg: "String should match pattern '^![A-Za-z0-9_-]+$'",
						input: fields.macro,
					},
				]);
			}
			const taken = inOrg(emulator.data.playbooks, ctx).find(
				(other) => other.macro === fields.macro && other !== existing,
			);
			if (taken)
				throw detail(409, `The macro ${fields.macro} is already used by playbook ${taken.id}`);
		}
		const playbook = existing || {
			id: newId('playbook-').slice(0, 25),
			org_id: ctx.orgId,
			created_ms: now(),
			created_by: who(ctx),
		};
		Object.assign(playbook, {
			title: fields.title,
			body: fields.body,
			macro: fields.macro ?? null,
			structured_output_schema:
				fields.structured_output_schema ?? existing?.structured_output_schema ?? null,
			updated_ms: now(),
			updated_by: who(ctx),
		});
		emulator.data.playbooks.set(playbook.id, playbook);
		return playbook;
	};
	const playbooksRoute = (method, pattern, handler) =>
		emulator.route(method, `/v3/organizations/:org/playbooks${pattern}`, handler, {
			version: 'v3',
			permission: 'ManageOrgPlaybooks',
		});
	playbooksRoute('GET', '', (ctx) => {
		const page = cursorPage(sorted(inOrg(emulator.data.playbooks, ctx)), ctx.query, NEWEST_FIRST);
		return { ...page, items: page.items.map(playbookV3) };
	});
	playbooksRoute('POST', '', (ctx) =>
		playbookV3(writePlaybook(ctx, validate(ctx.json(), PLAYBOOK))),
	);
	playbooksRoute('GET', '/:id', (ctx) =>
		playbookV3(find(emulator.data.playbooks, ctx, ctx.params.id, 'Playbook')),
	);
	playbooksRoute('PUT', '/:id', (ctx) => {
		const playbook = find(emulator.data.playbooks, ctx, ctx.params.id, 'Playbook');
		return playbookV3(writePlaybook(ctx, validate(ctx.json(), PLAYBOOK), playbook));
	});
	playbooksRoute('DELETE', '/:id', (ctx) => {
		const playbook = find(emulator.data.playbooks, ctx, ctx.params.id, 'Playbook');
		emulator.data.playbooks.delete(playbook.id);
		return playbookV3(playbook);
	});
	const PLAYBOOK_V1 = { title: PLAYBOOK.title, body: PLAYBOOK.body, macro: PLAYBOOK.macro };
	v1('GET', '/playbooks', (ctx) =>
		reply(200, sorted(inOrg(emulator.data.playbooks, ctx)).map(playbookV1)),
	);
	v1('POST', '/playbooks', (ctx) =>
		playbookV1(writePlaybook(ctx, validate(ctx.json(), PLAYBOOK_V1))),
	);
	v1('GET', '/playbooks/:id', (ctx) =>
		playbookV1(find(emulator.data.playbooks, ctx, ctx.params.id, 'Playbook')),
	);
	v1('PUT', '/playbooks/:id', (ctx) => {
		const playbook = find(emulator.data.playbooks, ctx, ctx.params.id, 'Playbook');
		return playbookV1(writePlaybook(ctx, validate(ctx.json(), PLAYBOOK_V1), playbook));
	});
	v1('DELETE', '/playbooks/:id', (ctx) => {
		emulator.data.playbooks.delete(
			find(emulator.data.playbooks, ctx, ctx.params.id, 'Playbook').id,
		);
		return { detail: 'Playbook deleted' };
	});

	// Secrets: the value goes in and is kept, but no answer ever carries it.
	const SECRET = {
		type: { type: 'string', required: true, enum: ['cookie', 'key-value', 'totp'] },
		key: { type: 'string', required: true, minLength: 1 },
		value: { type: 'string', required: true },
		is_sensitive: { type: 'boolean' },
		note: { type: 'string', nullable: true },
	};
	const secretV3 = (secret) => ({
		secret_id: secret.id,
		key: secret.key,
		note: secret.note,
		is_sensitive: secret.is_sensitive,
		secret_type: secret.type,
		access_type: 'org',
		created_at: seconds(secret.created_ms),
		created_by: secret.created_by,
		updated_at: seconds(secret.created_ms),
		updated_by: secret.created_by,
	});
	const secretsRoute = (method, pattern, handler) =>
		emulator.route(method, `/v3/organizations/:org/secrets${pattern}`, handler, {
			version: 'v3',
			permission: 'ManageOrgSecrets',
		});
	secretsRoute('GET', '', (ctx) => {
		const page = cursorPage(sorted(inOrg(emulator.data.secrets, ctx)), ctx.query, NEWEST_FIRST);
		return { ...page, items: page.items.map(secretV3) };
	});
	secretsRoute('POST', '', (ctx) => {
		const body = validate(ctx.json(), SECRET);
		if (inOrg(emulator.data.secrets, ctx).some((secret) => secret.key === body.key)) {
			throw detail(409, `A secret with key ${body.key} already exists`);
		}
		const secret = {
			id: newId('secret-').slice(0, 23),
			org_id: ctx.orgId,
			type: body.type,
			key: body.key,
			value: body.value,
			is_sensitive: body.is_sensitive ?? true,
			note: body.note ?? null,
			created_ms: now(),
			created_by: who(ctx),
		};
		emulator.data.secrets.set(secret.id, secret);
		return secretV3(secret);
	});
	secretsRoute('DELETE', '/:id', (ctx) => {
		const secret = find(emulator.data.secrets, ctx, ctx.params.id, 'Secret');
		emulator.data.secrets.delete(secret.id);
		return secretV3(secret);
	});
	v1('GET', '/secrets', (ctx) =>
		reply(
			200,
			sorted(inOrg(emulator.data.secrets, ctx)).map((secret) => ({
				id: secret.id,
				key: secret.key,
				type: secret.type,
				is_sensitive: secret.is_sensitive,
				created_at: iso(secret.created_ms),
			})),
		),
	);
	v1('DELETE', '/secrets/:id', (ctx) => {
		emulator.data.secrets.delete(find(emulator.data.secrets, ctx, ctx.params.id, 'Secret').id);
		return { detail: 'Secret deleted' };
	});
}

module.exports = { register };
