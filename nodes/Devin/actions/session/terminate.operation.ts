import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readOutputSettings, readSwitch, toOutput } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { requireApiVersion } from '../../helpers/apiVersion';
import { toCamelCase } from '../../helpers/mapping';
import { terminateSession } from '../../helpers/sessions';
import { getApiContext } from '../../transport';

const properties: INodeProperties[] = [
	{ ...sessionLocator, description: 'The session to end. A terminated session cannot be resumed.' },
	{
		displayName: 'Archive',
		name: 'archive',
		type: 'boolean',
		default: false,
		description: 'Whether to also archive the session so it stays viewable in Devin (API v3)',
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['terminate'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const api = await getApiContext.call(this);
	const sessionId = readSessionId.call(this, itemIndex);
	const archive = readSwitch.call(this, 'archive', itemIndex, 'Archive');
	if (archive)
		requireApiVersion(this.getNode(), itemIndex, 'Archive on terminate', 'v3', api.version);
	const { raw } = readOutputSettings.call(this, itemIndex);
	const response = await terminateSession.call(this, sessionId, itemIndex, archive);
	if (api.version === 'v3') return toOutput.call(this, itemIndex, 'session', response);
	// v1 answers {detail: "..."} without the session.
	if (raw) return { session_id: sessionId, ...(response ?? {}) };
	return { sessionId, terminated: true, ...toCamelCase<IDataObject>(response ?? {}) };
}
