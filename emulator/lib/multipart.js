'use strict';

/** The parts of a multipart/form-data body: {name, filename, contentType, data}. */
function parseMultipart(body, contentTypeHeader) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentTypeHeader || '');
	if (!/multipart\/form-data/i.test(contentTypeHeader || '') || !match) return [];
	const boundary = Buffer.from(`--${match[1] || match[2]}`);
	const parts = [];
	let start = body.indexOf(boundary);
	while (start >= 0) {
		const next = body.indexOf(boundary, start + boundary.length);
		if (next < 0) break;
		// Each part: CRLF, headers, CRLF CRLF, data, CRLF before the next boundary.
		const part = body.subarray(start + boundary.length + 2, next - 2);
		const split = part.indexOf('\r\n\r\n');
		if (split >= 0) {
			const head = part.subarray(0, split).toString('utf8');
			const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] || '';
			parts.push({
				name: /\bname="([^"]*)"/i.exec(disposition)?.[1],
				filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
				contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim(),
				data: part.subarray(split + 4),
			});
		}
		start = next;
	}
	return parts;
}

module.exports = { parseMultipart };
