import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions } from '../../descriptions/common';
import { readSessionId, sessionLocator } from '../../descriptions/locators';
import { putTags, readTags, tagsField, tagsOutput } from './tags';

const properties: INodeProperties[] = [
	{ ...sessionLocator, description: 'The session whose tags to replace' },
	tagsField(
		'Comma-separated tags the session should have from now on; leave empty to remove all',
		false,
	),
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['replace'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const sessionId = readSessionId.call(this, itemIndex);
	const tags = readTags.call(this, itemIndex, false);
	const response = await putTags.call(this, sessionId, tags, itemIndex);
	return tagsOutput.call(this, itemIndex, sessionId, response, tags);
}
