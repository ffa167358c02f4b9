import type { IExecuteFunctions, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { normalizeSessionId, SESSION_URL_REGEX } from '../helpers/sessionId';
import { invalidField, lazyFieldContext } from '../helpers/validation';

const ID_CHARACTERS = '^\\s*[A-Za-z0-9_.:-]+\\s*$';

interface LocatorSpec {
	name: string;
	displayName: string;
	description: string;
	searchListMethod: string;
	idPlaceholder: string;
	modes?: INodePropertyMode[];
}

/** Pick from a searchable list, or give the ID. */
function locator(spec: LocatorSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${spec.displayName.toLowerCase()}...`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ID_CHARACTERS,
							errorMessage: `Not a valid ${spec.displayName} ID`,
						},
					},
				],
			},
			...(spec.modes ?? []),
		],
	};
}

/** A session: from the list, by ID (the `devin-` prefix is optional) or by its URL. */
export const sessionLocator = locator({
	name: 'sessionId',
	displayName: 'Session',
	description: 'The Devin session: its ID (devin-…, the prefix is optional) or its URL',
	searchListMethod: 'searchSessions',
	idPlaceholder: 'e.g. devin-3f2a9c41d0b84e6f',
	modes: [
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://app.devin.ai/sessions/3f2a9c41d0b84e6f',
			extractValue: { type: 'regex', regex: SESSION_URL_REGEX },
			validation: [
				{
					type: 'regex',
					properties: { regex: SESSION_URL_REGEX, errorMessage: 'Not a Devin session URL' },
				},
			],
		},
	],
});

export const playbookLocator = locator({
	name: 'playbookId',
	displayName: 'Playbook',
	description: 'The playbook, from the list or by its ID',
	searchListMethod: 'searchPlaybooks',
	idPlaceholder: 'e.g. playbook-6f1c2b9a',
});

export const knowledgeNoteLocator = locator({
	name: 'noteId',
	displayName: 'Knowledge Note',
	description: 'The knowledge note, from the list or by its ID',
	searchListMethod: 'searchKnowledgeNotes',
	idPlaceholder: 'e.g. note-0c4d1e7f',
});

export const secretLocator = locator({
	name: 'secretId',
	displayName: 'Secret',
	description: 'The secret, from the list (by its key) or by its ID',
	searchListMethod: 'searchSecrets',
	idPlaceholder: 'e.g. secret-9a8b7c6d',
});

export const scheduleLocator = locator({
	name: 'scheduleId',
	displayName: 'Schedule',
	description: 'The schedule, from the list or by its ID',
	searchListMethod: 'searchSchedules',
	idPlaceholder: 'e.g. sched-4e5f6a7b',
});

/** The session ID for item `itemIndex`, whichever mode it was given in. */
export function readSessionId(this: IExecuteFunctions, itemIndex: number): string {
	// Checked here in full, so n8n's own check (a search through every field of the node) is skipped.
	const value = this.getNodeParameter('sessionId', itemIndex, '', {
		skipValidation: true,
	}) as unknown;
	return normalizeSessionId(lazyFieldContext(this, itemIndex), 'Session', value);
}

/** The ID a locator holds, checked so it cannot reach outside its URL path segment. */
export function readLocatorId(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
): string {
	const value = this.getNodeParameter(parameter, itemIndex, '') as unknown;
	const raw =
		value !== null && typeof value === 'object' && 'value' in value
			? (value as { value: unknown }).value
			: value;
	const id = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	const context = { node: this.getNode(), itemIndex };
	if (id === '')
		throw invalidField(
			context,
			label,
			'is empty',
			`Pick a ${label.toLowerCase()} from the list or enter its ID.`,
		);
	if (!new RegExp(ID_CHARACTERS).test(id)) {
		throw invalidField(
			context,
			label,
			`"${id}" is not a valid ID`,
			`Pick a ${label.toLowerCase()} from the list or enter its ID.`,
		);
	}
	return id;
}
