'use strict';

const crypto = require('crypto');

const { Reply, detail, reply, validation } = require('./http');
const { parseMultipart } = require('./multipart');

/** A presigned link works this long, like Devin's storage links. */
const PRESIGNED_TTL_MS = 60_000;

const SUMMARY = '# Summary\n\nDevin finished the task and opened a pull request.\n';

/**
 * Uploads (v3 answers {attachment_id, name, url}; v1 a bare URL string), downloads that answer
 * 307 to a presigned link which refuses a second auth mechanism, and a session's file list.
 */
function register(emulator) {
	emulator.onReset(() => {
		emulator.data.attachments = new Map();
		emulator.data.presigned = new Map();
	});
	const attachments = () => emulator.data.attachments;

	function store(ctx, urlFor) {
		const parts = parseMultipart(ctx.bodyBuffer, ctx.req.headers['content-type']);
		const file = parts.find((part) => part.name === 'file' && part.filename !== undefined);
		if (!file)
			throw validation([
				{ type: 'missing', loc: ['body', 'file'], msg: 'Field required', input: null },
			]);
		const attachment = {
			attachment_id: crypto.randomUUID(),
			name: file.filename || 'file',
			content_type: file.contentType || 'application/octet-stream',
			bytes: file.data,
			org_id: ctx.orgId,
		};
		attachment.url = urlFor(attachment);
		attachments().set(attachment.attachment_id, attachment);
		return attachment;
	}

	function redirect(ctx) {
		const attachment = attachments().get(ctx.params.uuid) || devinFile(ctx.params.uuid);
		if (!attachment || attachment.name !== ctx.params.name || attachment.org_id !== ctx.orgId) {
			throw detail(404, `Attachment ${ctx.params.uuid}/${ctx.params.name} not found`);
		}
		const token = crypto.randomBytes(16).toString('hex');
		emulator.data.presigned.set(token, { attachment, expires: Date.now() + PRESIGNED_TTL_MS });
		return new Reply({
			status: 307,
			body: undefined,
			headers: { location: `${emulator.url}/_presigned/${token}` },
		});
	}

	/** Files Devin itself produced, one per finished session, kept with the session. */
	function devinFile(id) {
		for (const session of emulator.store.sessions.values()) {
			if (session.devin_attachment && session.devin_attachment.attachment_id === id)
				return session.devin_attachment;
		}
		return undefined;
	}

	emulator.route(
		'POST',
		'/v3/organizations/:org/attachments',
		(ctx) => {
			const attachment = store(
				ctx,
				(file) =>
					`${emulator.url}/v3/organizations/${ctx.orgId}/attachments/${file.attachment_id}/${encodeURIComponent(file.name)}`,
			);
			return {
				attachment_id: attachment.attachment_id,
				name: attachment.name,
				url: attachment.url,
			};
		},
		{ version: 'v3', permission: 'UseDevinSessions' },
	);
	emulator.route('GET', '/v3/organizations/:org/attachments/:uuid/:name', redirect, {
		version: 'v3',
		permission: 'ViewOrgSessions',
	});
	emulator.route(
		'POST',
		'/v1/attachments',
		(ctx) =>
			reply(
				200,
				store(
					ctx,
					(file) =>
						`${emulator.url}/v1/attachments/${file.attachment_id}/${encodeURIComponent(file.name)}`,
				).url,
			),
		{ version: 'v1' },
	);
	emulator.route('GET', '/v1/attachments/:uuid/:name', redirect, { version: 'v1' });

	emulator.route('GET', '/_presigned/:token', (ctx) => {
		const xml = (status, code, message) =>
			new Reply({
				raw: (res) => {
					res.writeHead(status, { 'content-type': 'application/xml' });
					res.end(
						`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
					);
				},
				status,
			});
		if (ctx.req.headers.authorization) {
			return xml(
				400,
				'InvalidArgument',
				'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
			);
		}
		const link = emulator.data.presigned.get(ctx.params.token);
		if (!link || link.expires < Date.now()) return xml(403, 'AccessDenied', 'Request has expired');
		const { attachment } = link;
		return new Reply({
			raw: (res) => {
				res.writeHead(200, {
					'content-type': attachment.content_type,
					'content-disposition': `attachment; filename="${attachment.name}"`,
					'content-length': attachment.bytes.length,
				});
				res.end(attachment.bytes);
			},
		});
	});

	emulator.route(
		'GET',
		'/v3/organizations/:org/sessions/:id/attachments',
		(ctx) => {
			const session = ctx.store.get(ctx.params.id);
			if (!session || session.org_id !== ctx.orgId)
				throw detail(404, `Session ${ctx.params.id} not found`);
			const listed = [];
			for (const url of session.attachment_urls || []) {
				const attachment = [...attachments().values()].find((entry) => entry.url === url);
				if (attachment) listed.push({ ...describe(attachment), source: 'user' });
			}
			if (
				session.status === 'running' &&
				session.status_detail === 'finished' &&
				!session.devin_attachment
			) {
				session.devin_attachment = {
					attachment_id: crypto.randomUUID(),
					name: 'summary.md',
					content_type: 'text/markdown',
					bytes: Buffer.from(SUMMARY),
					org_id: session.org_id,
				};
				session.devin_attachment.url = `${emulator.url}/v3/organizations/${session.org_id}/attachments/${session.devin_attachment.attachment_id}/summary.md`;
			}
			if (session.devin_attachment)
				listed.push({ ...describe(session.devin_attachment), source: 'devin' });
			return emulator.options.attachmentListShape === 'items'
				? { items: listed }
				: reply(200, listed);
		},
		{ version: 'v3', permission: 'ViewOrgSessions' },
	);
}

function describe(attachment) {
	return {
		attachment_id: attachment.attachment_id,
		name: attachment.name,
		url: attachment.url,
		content_type: attachment.content_type,
	};
}

module.exports = { register };
