import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TAGS_MAX } from '../../constants';
import { outputOptions } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { fetchSession } from '../../helpers/sessions';
import { invalidField } from '../../helpers/validation';
import { devinApiRequest, getApiContext } from '../../transport';
import { putTags, readTags, tagsField, tagsOutput } from './tags';

const properties: INodeProperties[] = [
	{ ...sessionLocator, description: 'The session to tag' },
	tagsField('Comma-separated tags to add; tags the session already has are kept', true),
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['add'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const api = await getApiContext.call(this);
	const sessionId = readSessionId.call(this, itemIndex);
	const tags = readTags.call(this, itemIndex, true);
	if (api.version === 'v3') {
		const response = await devinApiRequest.call(this, {
			method: 'POST',
			path: ['sessions', sessionId, 'tags'],
			body: { tags },
			permission: 'ManageOrgSessions',
			subject: `Session ${sessionId}`,
			expects: { kind: 'object', id: 'tags' },
			itemIndex,
		});
		return tagsOutput.call(this, itemIndex, sessionId, response, tags);
	}
	// v1 can only replace: read the tags, merge, write them all back, so none are dropped.
	const session = await fetchSession.call(this, sessionId, itemIndex);
	const current = Array.isArray(session.tags) ? (session.tags as string[]) : [];
	const merged = [...current, ...tags.filter((tag) => !current.includes(tag))];
	if (merged.length > TAGS_MAX) {
		throw invalidField(
			{ node: this.getNode(), itemIndex },
			'Tags',
			`would give the session ${merged.length} tags; Devin accepts at most ${TAGS_MAX}`,
			'Add fewer tags, or replace the tags instead.',
		);
	}
	const response = await putTags.call(this, sessionId, merged, itemIndex);
	return tagsOutput.call(this, itemIndex, sessionId, response, merged);
}
