import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TAGS_MAX } from '../../constants';
import { toOutput } from '../../descriptions/common';
import { invalidField, toStringList } from '../../helpers/validation';
import { devinApiRequest, getApiContext } from '../../transport';

export function tagsField(description: string, required: boolean): INodeProperties {
	return {
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		required,
		default: '',
		placeholder: 'e.g. n8n, needs-review',
		description,
	};
}

/** The Tags field of item `itemIndex`: a checked list, at most 50. */
export function readTags(this: IExecuteFunctions, itemIndex: number, required: boolean): string[] {
	const context = { node: this.getNode(), itemIndex };
	const tags = toStringList(context, 'Tags', this.getNodeParameter('tags', itemIndex, ''), {
		max: TAGS_MAX,
		unique: true,
	});
	if (required && tags.length === 0) {
		throw invalidField(context, 'Tags', 'is empty', 'Enter at least one tag, e.g. needs-review.');
	}
	return tags;
}

/** v3 answers `{tags}`; v1 answers a message, so the tags it now has are the ones sent. */
export function tagsOutput(
	this: IExecuteFunctions,
	itemIndex: number,
	sessionId: string,
	response: IDataObject,
	sent: string[],
): IDataObject {
	const tags = Array.isArray(response?.tags) ? response.tags : sent;
	return toOutput.call(this, itemIndex, 'tags', { session_id: sessionId, tags });
}

/** Replaces a session's tags (the one tag write v1 has). */
export async function putTags(
	this: IExecuteFunctions,
	sessionId: string,
	tags: string[],
	itemIndex: number,
): Promise<IDataObject> {
	const { version } = await getApiContext.call(this);
	return await devinApiRequest.call(this, {
		method: 'PUT',
		path: ['sessions', sessionId, 'tags'],
		body: { tags },
		permission: 'ManageOrgSessions',
		subject: `Session ${sessionId}`,
		// v1 answers {detail} without the tags.
		expects: version === 'v3' ? { kind: 'object', id: 'tags' } : { kind: 'object' },
		itemIndex,
	});
}
