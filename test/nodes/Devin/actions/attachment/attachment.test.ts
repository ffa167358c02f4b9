import type { INodeExecutionData } from 'n8n-workflow';

import { failure } from '../../../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();

const CSV = 'region,revenue\nemea,42\namer,58\n';

function fileItem(content: string, fileName: string, mimeType: string): INodeExecutionData {
	return {
		json: {},
		binary: { data: { data: Buffer.from(content).toString('base64'), mimeType, fileName } },
	};
}

describe('attachments (v3)', () => {
	it('uploads a file, starts a session with it, lists it and downloads the same bytes', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const [uploaded] = await runNode({
			credentials,
			parameters: { resource: 'attachment', operation: 'upload' },
			items: [fileItem(CSV, 'sales.csv', 'text/csv')],
		});
		expect(uploaded.json).toMatchObject({
			attachmentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			name: 'sales.csv',
			url: expect.stringContaining('/attachments/'),
		});
		expect(uploaded.json.attachmentLine).toBe(`ATTACHMENT:"${uploaded.json.url}"`);
		const upload = apiRequests(ctx.emulator, 'POST', '/attachments')[0];
		expect(upload.path).toBe('/v3/organizations/org-emulator-demo/attachments');

		const [session] = await runNode({
			credentials,
			parameters: {
				resource: 'session',
				operation: 'create',
				prompt: 'Summarise the sales file',
				additionalFields: { attachmentUrls: String(uploaded.json.url) },
			},
		});
		const listed = await runNode({
			credentials,
			parameters: {
				resource: 'attachment',
				operation: 'getMany',
				sessionId: { __rl: true, mode: 'id', value: String(session.json.sessionId) },
			},
		});
		expect(listed.map((item) => item.json)).toEqual([
			expect.objectContaining({
				attachmentId: uploaded.json.attachmentId,
				name: 'sales.csv',
				source: 'user',
				url: uploaded.json.url,
			}),
		]);

		const [downloaded] = await runNode({
			credentials,
			parameters: {
				resource: 'attachment',
				operation: 'download',
				source: 'url',
				attachmentUrl: String(uploaded.json.url),
			},
		});
		expect(downloaded.json).toEqual({
			attachmentId: uploaded.json.attachmentId,
			name: 'sales.csv',
			mimeType: 'text/csv',
			fileSize: CSV.length,
		});
		const binary = downloaded.binary?.data;
		expect(binary).toMatchObject({ fileName: 'sales.csv', mimeType: 'text/csv' });
		expect(Buffer.from(String(binary?.data), 'base64').toString()).toBe(CSV);
		expect(downloaded.pairedItem).toEqual({ item: 0 });

		// The key went to the API, never to the presigned storage URL it redirected to.
		const presigned = ctx.emulator.requests.filter((entry) =>
			entry.path.startsWith('/_presigned/'),
		);
		expect(presigned).toHaveLength(1);
		expect(presigned[0]).toMatchObject({ status: 200, authorization: false });
	});

	it('downloads by ID and name into the chosen binary field', async () => {
		const [uploaded] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: { resource: 'attachment', operation: 'upload' },
			items: [fileItem('hello', 'hi there.txt', 'text/plain')],
		});
		const [downloaded] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: {
				resource: 'attachment',
				operation: 'download',
				source: 'id',
				attachmentId: String(uploaded.json.attachmentId),
				fileName: 'hi there.txt',
				binaryPropertyName: 'file',
			},
		});
		expect(Buffer.from(String(downloaded.binary?.file.data), 'base64').toString()).toBe('hello');
		expect(downloaded.binary?.file.fileName).toBe('hi there.txt');
	});

	it('lists both shapes Devin documents for session attachments', async () => {
		const [session] = ctx.emulator.seedSessions(1, { status: 'exit', attachment_urls: [] });
		ctx.emulator.options.attachmentListShape = 'items';
		try {
			const output = await runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: {
					resource: 'attachment',
					operation: 'getMany',
					sessionId: { __rl: true, mode: 'id', value: session.session_id },
				},
			});
			expect(output).toEqual([]);
			expect(apiRequests(ctx.emulator, 'GET', '/attachments')).toHaveLength(1);
		} finally {
			ctx.emulator.options.attachmentListShape = 'array';
		}
	});

	it('rejects a URL that is not an attachment URL and a missing file, before sending', async () => {
		const notAttachment = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: {
					resource: 'attachment',
					operation: 'download',
					source: 'url',
					attachmentUrl: 'https://example.com/x',
				},
			}),
		);
		expect(notAttachment.message).toBe(
			'Attachment URL: "https://example.com/x" is not a Devin attachment URL',
		);
		const noFile = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: { resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' },
			}),
		);
		expect(noFile.message).toMatch(/data/);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('attachments (v1)', () => {
	it('uploads and gives the ATTACHMENT line a v1 prompt needs, then downloads it', async () => {
		const credentials = credentialsFor(ctx.emulator, 'legacy');
		const [uploaded] = await runNode({
			credentials,
			parameters: { resource: 'attachment', operation: 'upload' },
			items: [fileItem('v1 data', 'v1.txt', 'text/plain')],
		});
		expect(String(uploaded.json.url)).toContain('/v1/attachments/');
		expect(uploaded.json).toMatchObject({
			name: 'v1.txt',
			attachmentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(uploaded.json.attachmentLine).toBe(`ATTACHMENT:"${uploaded.json.url}"`);
		const [downloaded] = await runNode({
			credentials,
			parameters: {
				resource: 'attachment',
				operation: 'download',
				source: 'url',
				attachmentUrl: String(uploaded.json.url),
			},
		});
		expect(Buffer.from(String(downloaded.binary?.data.data), 'base64').toString()).toBe('v1 data');
	});

	it("says listing a session's files needs v3", async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: { resource: 'attachment', operation: 'getMany', sessionId: 'devin-abc' },
			}),
		);
		expect(error.message).toBe(
			'Attachment: Get Many is only available in Devin API v3; this credential uses v1',
		);
	});
});
