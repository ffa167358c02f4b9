import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizeSessionId, SESSION_URL_REGEX } from '../helpers/sessionId';

/** Pick a session from a searchable list, or give its ID (with or without `devin-`) or URL. */
export const sessionLocator: INodeProperties = {
	displayName: 'Session',
	name: 'sessionId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Devin session: its ID (devin-…, the prefix is optional) or its URL',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a session...',
			typeOptions: { searchListMethod: 'searchSessions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. devin-3f2a9c41d0b84e6f',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*(devin-)?[A-Za-z0-9_-]+\\s*$',
						errorMessage: 'Not a Devin session ID (devin-… or its hex part)',
					},
				},
			],
		},
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
};

/** The session ID for item `itemIndex`, whichever mode it was given in. */
export function readSessionId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('sessionId', itemIndex, '') as unknown;
	return normalizeSessionId({ node: this.getNode(), itemIndex }, 'Session', value);
}
