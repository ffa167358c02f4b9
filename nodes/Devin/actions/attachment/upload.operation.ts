import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, readOutputSettings, toOutput } from '../../descriptions/common';
import { invalidField, optionalText } from '../../helpers/validation';
import { devinApiRequest, getApiContext } from '../../transport';
import { multipartFile } from '../../transport/multipart';
import { attachmentLine, binaryPropertyField, parseAttachmentUrl } from './attachments';

const properties: INodeProperties[] = [
	binaryPropertyField('Which binary field of the input item holds the file to upload'),
	outputOptions([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. report.csv',
			description: "The name Devin sees; by default the binary data's own file name",
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['upload'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { version } = await getApiContext.call(this);
	const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const available = Object.keys(this.getInputData()[itemIndex]?.binary ?? {});
	if (!available.includes(property)) {
		throw invalidField(
			{ node: this.getNode(), itemIndex },
			'Input Binary Field',
			`the input item has no binary field ${JSON.stringify(property)}`,
			available.length
				? `Use one of: ${available.join(', ')}.`
				: 'Feed the node an item with a file, e.g. from Read/Write Files from Disk or HTTP Request.',
		);
	}
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const fileName =
		optionalText(this.getNodeParameter('options.fileName', itemIndex, '')) ??
		binary.fileName ??
		'file';
	const mimeType = binary.mimeType || 'application/octet-stream';
	const response = (await devinApiRequest.call(this, {
		method: 'POST',
		path: ['attachments'],
		rawBody: multipartFile('file', fileName, mimeType, data),
		permission: 'UseDevinSessions',
		// v3 answers {attachment_id, name, url}; v1 answers the URL alone, as a JSON string.
		expects: version === 'v3' ? { kind: 'object', id: 'url' } : { kind: 'url' },
		itemIndex,
	})) as IDataObject | string;

	// v3 answers {attachment_id, name, url}; v1 answers the URL alone, as a JSON string.
	const uploaded: IDataObject =
		typeof response === 'string'
			? { attachment_id: parseAttachmentUrl(response)?.id ?? null, name: fileName, url: response }
			: response;
	if (readOutputSettings.call(this, itemIndex).raw) return uploaded;
	const url = String(uploaded.url);
	return {
		...toOutput.call(this, itemIndex, 'attachment', uploaded),
		attachmentLine: attachmentLine(url),
	};
}
