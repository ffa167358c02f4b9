'use strict';

/**
 * A scripted, OpenAI-compatible chat model on loopback, for AI Agent tests: n8n's OpenAI Chat
 * Model node talks to it as to api.openai.com (`POST /v1/chat/completions`, with tool calls, plain
 * or streamed). Every request is recorded, so a test can read exactly what the model was sent:
 * the tool list with descriptions and parameter schemas, and each tool's answer.
 *
 * A script is `(request) => reply`, where `reply` is `{ text }` or `{ toolCalls: [{ name, args }] }`;
 * the server picks the script from the scripts object by a `[script:name]` tag in the conversation.
 */
const http = require('node:http');

const MODEL = 'scripted-model';

function readBody(request) {
	return new Promise((resolve, reject) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => resolve(body));
		request.on('error', reject);
	});
}

/** The text of a chat message, whatever shape the client sent its content in. */
function textOf(message) {
	if (typeof message?.content === 'string') return message.content;
	if (Array.isArray(message?.content))
		return message.content.map((part) => part.text ?? '').join('');
	return '';
}

function toolCallsOf(reply, counter) {
	return reply.toolCalls.map((call) => ({
		id: `call_${counter.next++}`,
		type: 'function',
		function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
	}));
}

function completion(reply, counter) {
	const message = reply.toolCalls
		? { role: 'assistant', content: null, tool_calls: toolCallsOf(reply, counter) }
		: { role: 'assistant', content: reply.text };
	return {
		id: `chatcmpl-${counter.next++}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
		choices: [
			{ index: 0, message, finish_reason: reply.toolCalls ? 'tool_calls' : 'stop', logprobs: null },
		],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same reply as server-sent events, in the chunks OpenAI streams. */
function chunks(reply, counter) {
	const id = `chatcmpl-${counter.next++}`;
	const base = {
		id,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
	};
	const delta = reply.toolCalls
		? {
				role: 'assistant',
				content: null,
				tool_calls: toolCallsOf(reply, counter).map((call, index) => ({ index, ...call })),
			}
		: { role: 'assistant', content: reply.text };
	return [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{
			...base,
			choices: [{ index: 0, delta: {}, finish_reason: reply.toolCalls ? 'tool_calls' : 'stop' }],
			usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
		},
	];
}

/**
 * Starts the server. `scripts` maps a name to a script; the conversation names its script with
 * `[script:name]` in a system or user message.
 */
async function startModelServer(scripts) {
	const requests = [];
	const counter = { next: 1 };
	const server = http.createServer(async (request, response) => {
		const raw = await readBody(request);
		const send = (status, body) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(body));
		};
		if (request.method === 'GET' && request.url.endsWith('/models'))
			return send(200, { object: 'list', data: [{ id: MODEL, object: 'model' }] });
		if (request.method !== 'POST' || !request.url.endsWith('/chat/completions'))
			return send(404, { error: { message: `no route ${request.method} ${request.url}` } });
		let body;
		try {
			body = JSON.parse(raw);
		} catch {
			return send(400, { error: { message: 'the body is not JSON' } });
		}
		const entry = { body, authorization: request.headers.authorization ?? null };
		requests.push(entry);
		const tag = (body.messages ?? [])
			.map(textOf)
			.join('\n')
			.match(/\[script:([\w-]+)\]/);
		const script = tag && scripts[tag[1]];
		if (!script)
			return send(400, { error: { message: 'no [script:name] tag in the conversation' } });
		let reply;
		try {
			reply = script(body);
		} catch (error) {
			entry.scriptError = String(error?.stack ?? error);
			reply = { text: `SCRIPT ERROR: ${error?.message ?? error}` };
		}
		entry.reply = reply;
		if (!body.stream) return send(200, completion(reply, counter));
		response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		for (const chunk of chunks(reply, counter))
			response.write(`data: ${JSON.stringify(chunk)}\n\n`);
		response.end('data: [DONE]\n\n');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

/** The conversation's tool answers, oldest first: `{ name, content }` with the tool's name. */
function toolResults(body) {
	const names = new Map();
	for (const message of body.messages ?? [])
		for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
	return (body.messages ?? [])
		.filter((message) => message.role === 'tool')
		.map((message) => ({ name: names.get(message.tool_call_id), content: textOf(message) }));
}

module.exports = { startModelServer, toolResults, textOf, MODEL };
