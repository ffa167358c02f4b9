import type { INodeProperties } from 'n8n-workflow';

import { read, type FieldSpec } from '../../helpers/fields';

/** Knowledge note fields, in v3 names; v1's names are mapped in helpers/catalogs.ts. */
export const NOTE_FIELDS: FieldSpec[] = [
	{ param: 'name', api: 'name', label: 'Name', read: read.text },
	{ param: 'body', api: 'body', label: 'Body', read: read.rawText },
	{ param: 'trigger', api: 'trigger', label: 'Trigger', read: read.text },
	{ param: 'folderId', api: 'folder_id', label: 'Folder ID', read: read.id('folder-engineering') },
	{ param: 'isEnabled', api: 'is_enabled', label: 'Enabled', read: read.flag, versions: ['v3'] },
	{
		param: 'pinnedRepo',
		api: 'pinned_repo',
		label: 'Pinned Repository',
		read: read.repository(['all']),
	},
];

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Deploying the web app',
	description: 'A short name for the note',
};

export const bodyField: INodeProperties = {
	displayName: 'Body',
	name: 'body',
	type: 'string',
	typeOptions: { rows: 6 },
	default: '',
	description: 'What Devin should know: facts, conventions, steps',
};

export const triggerField: INodeProperties = {
	displayName: 'Trigger',
	name: 'trigger',
	type: 'string',
	default: '',
	placeholder: 'e.g. When deploying or changing the CI pipeline',
	description: 'When Devin should recall this note, in plain words',
};

/** Optional note fields, for Additional Fields (create) and Update Fields (update). */
export const optionalNoteFields: INodeProperties[] = [
	{
		displayName: 'Enabled',
		name: 'isEnabled',
		type: 'boolean',
		default: true,
		description: 'Whether Devin uses the note (API v3)',
	},
	{
		displayName: 'Folder ID',
		name: 'folderId',
		type: 'string',
		default: '',
		description: 'The folder to keep the note in; empty for the top level',
	},
	{
		displayName: 'Pinned Repository',
		name: 'pinnedRepo',
		type: 'string',
		default: '',
		placeholder: 'e.g. acme/web',
		description:
			'Make Devin always recall the note in this repository (owner/name), or "all" for every repository',
	},
];
