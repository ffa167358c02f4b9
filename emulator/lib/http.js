'use strict';

/** Small helpers for answering like Devin's FastAPI backend does. */

class HttpError extends Error {
	constructor(status, body, headers = {}) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

const TITLES = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	409: 'Conflict',
	429: 'Too Many Requests',
};

/** RFC 9457 problem details, as Devin's newer endpoints answer 401/403/404; `detail` kept for older clients. */
function problem(status, detail, instance) {
	return new HttpError(
		status,
		{ type: 'about:blank', title: TITLES[status] || 'Error', status, detail, instance },
		{ 'content-type': 'application/problem+json' },
	);
}

/** FastAPI's plain `{detail: "..."}`. */
function detail(status, text) {
	return new HttpError(status, { detail: text });
}

/** FastAPI's 422 validation body: `{detail: [{type, loc, msg, input}]}`. */
function validation(errors) {
	return new HttpError(422, { detail: errors });
}

/** An answer with its own status, headers or raw writer; anything else a handler returns is a 200 JSON body. */
class Reply {
	constructor({ status = 200, body, headers, raw } = {}) {
		this.status = status;
		this.body = body;
		this.headers = headers;
		this.raw = raw;
	}
}

function reply(status, body, headers) {
	return new Reply({ status, body, headers });
}

function sendJson(res, status, body, headers = {}) {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(text);
}

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

function parseJson(buffer, path) {
	if (!buffer.length) return undefined;
	try {
		return JSON.parse(buffer.toString('utf8'));
	} catch (error) {
		throw validation([
			{
				type: 'json_invalid',
				loc: ['body', 0],
				msg: `JSON decode error: ${error.message}`,
				input: {},
			},
		]);
	}
}

module.exports = {
	HttpError,
	Reply,
	reply,
	problem,
	detail,
	validation,
	sendJson,
	readBody,
	parseJson,
};
