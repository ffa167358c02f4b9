import type { INodeProperties } from 'n8n-workflow';

import { STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES } from '../../constants';
import { read, type FieldReader, type FieldSpec } from '../../helpers/fields';
import { invalidField, optionalText } from '../../helpers/validation';

const macro: FieldReader = (context, label, value) => {
	const text = optionalText(value);
	if (text !== undefined && !/^![A-Za-z0-9_-]+$/.test(text)) {
		throw invalidField(
			context,
			label,
			`"${text}" is not a macro`,
			'A macro starts with ! followed by letters, digits, - or _, e.g. !deploy.',
		);
	}
	return text;
};

export const PLAYBOOK_FIELDS: FieldSpec[] = [
	{ param: 'title', api: 'title', label: 'Title', read: read.text },
	{ param: 'body', api: 'body', label: 'Body', read: read.rawText },
	{ param: 'macro', api: 'macro', label: 'Macro', read: macro },
	{
		param: 'structuredOutputSchema',
		api: 'structured_output_schema',
		label: 'Structured Output Schema',
		read: read.json(STRUCTURED_OUTPUT_SCHEMA_MAX_BYTES),
		versions: ['v3'],
	},
];

export const titleField: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
	placeholder: 'e.g. Triage a bug report',
	description: 'The name of the playbook',
};

export const bodyField: INodeProperties = {
	displayName: 'Body',
	name: 'body',
	type: 'string',
	typeOptions: { rows: 8 },
	default: '',
	description: 'The instructions Devin follows, step by step',
};

export const optionalPlaybookFields: INodeProperties[] = [
	{
		displayName: 'Macro',
		name: 'macro',
		type: 'string',
		default: '',
		placeholder: 'e.g. !triage',
		description: 'A shortcut that starts with ! for using the playbook in a prompt',
	},
	{
		displayName: 'Structured Output Schema',
		name: 'structuredOutputSchema',
		type: 'json',
		default: '',
		description:
			'JSON Schema for the structured output sessions with this playbook return (API v3, at most 64 KB)',
	},
];
