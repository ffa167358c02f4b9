import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, optionalText, toChoice } from '../../helpers/validation';
import { devinApiResponse, fetchPresignedUrl } from '../../transport';
import { ItemWithBinary } from '../node.type';
import { parseAttachmentUrl } from './attachments';

const properties: INodeProperties[] = [
	{
		displayName: 'Attachment',
		name: 'source',
		type: 'options',
		default: 'url',
		options: [
			{ name: 'By URL', value: 'url', description: 'The URL Devin gave for the attachment' },
			{ name: 'By ID and Name', value: 'id', description: 'The attachment ID and its file name' },
		],
	},
	{
		displayName: 'Attachment URL',
		name: 'attachmentUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder:
			'e.g. https://api.devin.ai/v3/organizations/org-…/attachments/3fa85f64-…/report.md',
		description: "An attachment URL from Upload or from a session's attachments",
		displayOptions: { show: { source: ['url'] } },
	},
	{
		displayName: 'Attachment ID',
		name: 'attachmentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6',
		displayOptions: { show: { source: ['id'] } },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. report.md',
		description: 'The file name, as Devin lists it for the attachment',
		displayOptions: { show: { source: ['id'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['download'] } },
	properties,
);

function readAttachment(this: IExecuteFunctions, itemIndex: number): { id: string; name: string } {
	const context = { node: this.getNode(), itemIndex };
	const source = this.getNodeParameter('source', itemIndex, 'url');
	if (toChoice(context, 'Attachment', source, ['url', 'id']) !== 'id') {
		const url = optionalText(this.getNodeParameter('attachmentUrl', itemIndex, ''));
		if (url === undefined)
			throw invalidField(context, 'Attachment URL', 'is empty', 'Paste the attachment URL.');
		const parsed = parseAttachmentUrl(url);
		if (!parsed) {
			throw invalidField(
				context,
				'Attachment URL',
				`"${url}" is not a Devin attachment URL`,
				'Use a URL ending in /attachments/<id>/<file name>, as Upload and the session attachment list give it.',
			);
		}
		return parsed;
	}
	const id = optionalText(this.getNodeParameter('attachmentId', itemIndex, ''));
	const name = optionalText(this.getNodeParameter('fileName', itemIndex, ''));
	if (id === undefined || !/^[A-Za-z0-9-]+$/.test(id)) {
		throw invalidField(
			context,
			'Attachment ID',
			`"${id ?? ''}" is not an attachment ID`,
			'Enter the attachment ID, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6.',
		);
	}
	if (name === undefined)
		throw invalidField(context, 'File Name', 'is empty', 'Enter the file name of the attachment.');
	return { id, name };
}

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined;
}

function fileNameFrom(disposition: string | undefined): string | undefined {
	const match = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
	if (!match) return undefined;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		return match[1];
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemWithBinary> {
	const attachment = readAttachment.call(this, itemIndex);
	const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	// Devin answers 307 to a short-lived presigned URL; it is fetched without the API key.
	// Organizations with an IP allowlist get the file itself (200) instead.
	let response = await devinApiResponse.call(this, {
		method: 'GET',
		path: ['attachments', attachment.id, attachment.name],
		noRedirect: true,
		binary: true,
		permission: 'ViewOrgSessions',
		subject: `Attachment ${attachment.id}/${attachment.name}`,
		itemIndex,
	});
	const location = header(response.headers, 'location');
	if (response.status >= 300 && location) {
		response = await fetchPresignedUrl.call(this, location, itemIndex);
	}
	const data = Buffer.isBuffer(response.body)
		? response.body
		: Buffer.from(String(response.body ?? ''));
	const mimeType = header(response.headers, 'content-type')?.split(';')[0].trim() || undefined;
	const fileName = fileNameFrom(header(response.headers, 'content-disposition')) ?? attachment.name;
	const binary = await this.helpers.prepareBinaryData(data, fileName, mimeType);
	return new ItemWithBinary(
		{
			attachmentId: attachment.id,
			name: fileName,
			mimeType: binary.mimeType,
			fileSize: data.length,
		},
		{ [property]: binary },
	);
}
