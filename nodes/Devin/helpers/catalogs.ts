import type { IDataObject } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../constants';
import type { CatalogSpec } from './catalog';

const cursor = { style: 'cursor' } as const;

function defined(record: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** v1 knowledge uses `id`, `trigger_description` and `parent_folder_id` where v3 says `note_id`, `trigger`, `folder_id`. */
export const KNOWLEDGE: CatalogSpec = {
	noun: 'Knowledge note',
	kind: 'knowledgeNote',
	idField: 'note_id',
	permission: 'ManageAccountKnowledge',
	writable: ['name', 'body', 'trigger', 'folder_id', 'is_enabled', 'pinned_repo'],
	v3: { path: ['knowledge', 'notes'], list: cursor, update: 'PUT' },
	v1: {
		path: ['knowledge'],
		itemsKey: 'knowledge',
		getById: false,
		fromV1: (note) =>
			defined({
				note_id: note.id ?? note.note_id,
				name: note.name,
				body: note.body,
				trigger: note.trigger_description ?? note.trigger,
				folder_id: note.parent_folder_id ?? note.folder_id ?? null,
				pinned_repo: note.pinned_repo ?? null,
				created_at: note.created_at,
				updated_at: note.updated_at,
			}),
		toV1: (body) =>
			defined({
				name: body.name,
				body: body.body,
				trigger_description: body.trigger,
				parent_folder_id: body.folder_id,
				pinned_repo: body.pinned_repo,
			}),
	},
};

export const PLAYBOOKS: CatalogSpec = {
	noun: 'Playbook',
	kind: 'playbook',
	idField: 'playbook_id',
	permission: 'ManageOrgPlaybooks',
	writable: ['title', 'body', 'macro', 'structured_output_schema'],
	v3: { path: ['playbooks'], list: cursor, update: 'PUT' },
	v1: {
		path: ['playbooks'],
		getById: true,
		fromV1: (playbook) =>
			defined({ ...playbook, playbook_id: playbook.playbook_id ?? playbook.id, id: undefined }),
		toV1: (body) => defined({ title: body.title, body: body.body, macro: body.macro }),
	},
};

/** Secret values go in, never out: Devin answers only metadata. v1 can list and delete. */
export const SECRETS: CatalogSpec = {
	noun: 'Secret',
	kind: 'secret',
	idField: 'secret_id',
	permission: 'ManageOrgSecrets',
	writable: [],
	v3: { path: ['secrets'], list: cursor, update: 'PATCH' },
	v1: {
		path: ['secrets'],
		getById: false,
		lacks: ['create', 'update'],
		fromV1: (secret) =>
			defined({
				secret_id: secret.id ?? secret.secret_id,
				key: secret.key,
				secret_type: secret.type ?? secret.secret_type,
				is_sensitive: secret.is_sensitive,
				note: secret.note,
				created_at: secret.created_at,
			}),
		toV1: (body) => body,
	},
};

/** Schedules page with limit/offset, unlike every other v3 list; v1 has none. */
export const SCHEDULES: CatalogSpec = {
	noun: 'Schedule',
	kind: 'schedule',
	idField: 'scheduled_session_id',
	permission: 'ManageOrgSchedules',
	writable: [],
	v3: {
		path: ['schedules'],
		list: { style: 'offset', itemsKey: 'items', maxPageSize: MAX_PAGE_SIZE },
		update: 'PATCH',
	},
};
