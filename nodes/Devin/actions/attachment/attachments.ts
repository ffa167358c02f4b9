import type { INodeProperties } from 'n8n-workflow';

/** Devin's attachment URLs end in `/attachments/{uuid}/{name}`, on the API host of either version. */
const ATTACHMENT_PATH = /\/attachments\/([A-Za-z0-9-]+)\/([^/?#]+)/;

export function parseAttachmentUrl(url: string): { id: string; name: string } | undefined {
	const match = ATTACHMENT_PATH.exec(url);
	if (!match) return undefined;
	try {
		return { id: match[1], name: decodeURIComponent(match[2]) };
	} catch {
		return undefined;
	}
}

/** The line a v1 prompt needs to see a file: on its own line, exactly this shape. */
export function attachmentLine(url: string): string {
	return `ATTACHMENT:"${url}"`;
}

export function binaryPropertyField(description: string): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input field containing the binary file data to be processed',
		description,
	};
}
