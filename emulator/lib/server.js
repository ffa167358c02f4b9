'use strict';

const { EventEmitter } = require('events');
const http = require('http');

const { Clock } = require('./clock');
const { HttpError, Reply, problem, sendJson, readBody, parseJson } = require('./http');
const { findPrincipal, ORG_ID, OTHER_ORG_ID, PRINCIPALS } = require('./principals');
const { SessionStore } = require('./sessions');

/** Compiles '/v3/organizations/:org/sessions/:id' into a matcher. */
function compile(pattern) {
	const names = [];
	const source = pattern.replace(/:([a-zA-Z]+)/g, (_match, name) => {
		names.push(name);
		return '([^/]+)';
	});
	const regex = new RegExp(`^${source}/?$`);
	return (path) => {
		const match = regex.exec(path);
		if (!match) return undefined;
		const params = {};
		names.forEach((name, index) => {
			params[name] = decodeURIComponent(match[index + 1]);
		});
		return params;
	};
}

/**
 * A local stand-in for the Devin REST API (v3 and the v1 subset): Bearer auth per key, org
 * scoping, Devin's error shapes, cursor pagination and sessions that move through their lifecycle
 * on the emulator's clock. `/_emulator/*` lets tests steer it: faults, clock, state, request log.
 */
class Emulator extends EventEmitter {
	constructor(options = {}) {
		super();
		this.options = options;
		this.routes = [];
		this.reset();
		// Insights first: `/sessions/insights` must not be read as a session called "insights".
		require('./insights').register(this);
		require('./api-v3').register(this);
		require('./api-v1').register(this);
		require('./tags').register(this);
		require('./attachments').register(this);
		require('./catalogs').register(this);
		require('./schedules').register(this);
		require('./enterprise').register(this);
		require('./repositories').register(this);
		require('./acu-limits').register(this);
		require('./control').register(this);
	}

	/** Back to the state of a fresh start: no sessions, no faults, an empty log, the clock at its start. */
	reset() {
		this.clock = new Clock({
			timeScale: this.options.timeScale ?? 1,
			manual: this.options.manualClock ?? false,
			start: this.options.startTime,
		});
		this.store = new SessionStore(this.clock, { appUrl: () => this.url });
		this.data = {};
		this.faults = [];
		this.requests = [];
		this.requestSeq = 0;
		this.removeAllListeners?.('request');
		for (const hook of this.resetHooks || []) hook();
	}

	onReset(hook) {
		this.resetHooks = [...(this.resetHooks || []), hook];
		hook();
	}

	route(method, pattern, handler, meta = {}) {
		this.routes.push({ method, match: compile(pattern), handler, meta, pattern });
	}

	addFault(fault) {
		const entry = {
			count: 1,
			skip: 0,
			kind: 'status',
			...fault,
			id: `fault-${this.faults.length + 1}`,
		};
		this.faults.push(entry);
		return entry;
	}

	takeFault(method, path, phase) {
		const index = this.faults.findIndex((fault) => {
			if (fault.count <= 0) return false;
			if (faultPhase(fault) !== phase) return false;
			if (fault.method && fault.method.toUpperCase() !== method) return false;
			if (fault.path && !path.includes(fault.path)) return false;
			return true;
		});
		if (index < 0) return undefined;
		const fault = this.faults[index];
		// `skip` lets that many matching requests through first: a fault on the nth request.
		if (fault.skip > 0) {
			fault.skip -= 1;
			return undefined;
		}
		fault.count -= 1;
		if (fault.count <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/**
	 * Answers as the fault says; returns what the request log shows for it, or undefined when the
	 * request goes on as usual (`delay`). `answer` is the real answer, for faults after handling.
	 */
	async applyFault(fault, req, res, answer) {
		if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		const status = fault.status || FAULT_STATUS[fault.kind] || 500;
		switch (fault.kind) {
			case 'delay':
				return undefined;
			case 'reset':
				res.socket.destroy();
				return 'reset';
			case 'hang':
				// Never answers: the client gives up (its timeout) or the emulator closes.
				await new Promise((resolve) => res.once('close', resolve));
				return 'hang';
			case 'html':
				res.writeHead(status, { 'content-type': 'text/html' });
				res.end(typeof fault.body === 'string' ? fault.body : htmlPage(status));
				return status;
			case 'text':
				res.writeHead(status, { 'content-type': 'text/plain' });
				res.end(fault.body ?? 'Internal Server Error');
				return status;
			case 'empty':
				res.writeHead(status, { 'content-type': 'application/json', 'content-length': 0 });
				res.end();
				return status;
			case 'redirect': {
				const target = fault.location ?? `http://redirected.invalid${req.url}`;
				res.writeHead(status, { location: target, 'content-length': 0 });
				res.end();
				return status;
			}
			case 'truncated': {
				// The real answer, cut in half, its Content-Length promising all of it.
				const body = Buffer.from(JSON.stringify(answer?.body ?? fault.body ?? { detail: 'x' }));
				res.writeHead(answer?.status || 200, {
					'content-type': 'application/json',
					'content-length': body.length,
				});
				res.write(body.subarray(0, Math.floor(body.length / 2)));
				await new Promise((resolve) => setTimeout(resolve, 5));
				res.socket.destroy();
				return 'truncated';
			}
			default: {
				const headers = {};
				if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
				const body =
					fault.body !== undefined
						? fault.body
						: { detail: status === 429 ? 'Rate limit exceeded' : 'Internal server error' };
				sendJson(res, status, body, headers);
				return status;
			}
		}
	}

	authenticate(req, version, path) {
		const header = req.headers.authorization || '';
		const match = /^Bearer\s+(.+)$/i.exec(header);
		if (!match) throw problem(401, 'Missing API key: send Authorization: Bearer <key>', path);
		const principal = findPrincipal(match[1].trim());
		if (!principal) throw problem(401, 'Invalid API key', path);
		if (principal.version !== version) {
			throw problem(
				401,
				version === 'v3'
					? 'This API version does not accept apk_ keys; use a cog_ service user key'
					: 'API v1 does not accept cog_ keys; use an apk_ key or API v3',
				path,
			);
		}
		return principal;
	}

	/** The organization in a v3 path, if this key may see it; another org looks like a missing one. */
	organizationFor(principal, orgId, path) {
		const known = [ORG_ID, OTHER_ORG_ID].includes(orgId);
		if (!known || (principal.org_id !== null && principal.org_id !== orgId)) {
			throw problem(404, `Organization ${orgId} not found`, path);
		}
		return orgId;
	}

	requirePermission(principal, permission, path) {
		for (const needed of [].concat(permission || [])) {
			if (!principal.permissions.includes(needed))
				throw problem(403, `Missing permission: ${needed}`, path);
		}
	}

	requireAnyPermission(principal, permissions, path) {
		if (!permissions.some((permission) => principal.permissions.includes(permission)))
			throw problem(403, `Missing permission: one of ${permissions.join(', ')}`, path);
	}

	/** Resolves with the first answered API request that matches, waiting for it if need be. */
	waitForRequest(predicate = () => true) {
		const done = this.requests.find((entry) => entry.status !== null && predicate(entry));
		if (done) return Promise.resolve(done);
		return new Promise((resolve) => {
			const listener = (entry) => {
				if (!predicate(entry)) return;
				this.off('request', listener);
				resolve(entry);
			};
			this.on('request', listener);
		});
	}

	log(entry) {
		this.requestSeq += 1;
		const record = { seq: this.requestSeq, at: Date.now(), ...entry };
		this.requests.push(record);
		return record;
	}

	async handle(req, res) {
		const record = await this.answer(req, res);
		if (record) this.emit('request', record);
	}

	async answer(req, res) {
		const url = new URL(req.url, 'http://emulator');
		const path = url.pathname;
		const method = req.method.toUpperCase();
		const query = {};
		const queryAll = {};
		for (const [key, value] of url.searchParams) {
			query[key] = value;
			(queryAll[key] = queryAll[key] || []).push(value);
		}
		const isApi = /^\/v(1|3|3beta1)\//.test(path);
		// Presigned downloads are logged too, to show whether a key was sent along.
		const isPresigned = path.startsWith('/_presigned/');
		const record =
			isApi || isPresigned
				? this.log({ method, path, query: queryAll, status: null, key: null, body: null })
				: undefined;
		if (record && isPresigned) record.authorization = Boolean(req.headers.authorization);
		try {
			const bodyBuffer = await readBody(req);
			if (record && bodyBuffer.length) {
				const type = req.headers['content-type'] || '';
				record.body = type.includes('json')
					? safeJson(bodyBuffer)
					: `<${type.split(';')[0]} ${bodyBuffer.length} bytes>`;
			}
			if (record) {
				const auth = /^Bearer\s+(.+)$/i.exec(req.headers.authorization || '');
				const principal = auth && findPrincipal(auth[1].trim());
				record.key = principal ? principal.name : auth ? 'invalid' : null;
			}
			const before = isApi && this.takeFault(method, path, 'before');
			const early = before && (await this.applyFault(before, req, res));
			if (early !== undefined && early !== false) {
				if (record) record.status = early;
				return record;
			}
			if (isApi && this.options.advancePerRequestMs)
				this.clock.advance(this.options.advancePerRequestMs);

			const result = await this.replyTo({ req, res, method, path, query, queryAll, bodyBuffer });
			// An "after" fault hits whatever Devin answered, an error as much as a success.
			const after = isApi && this.takeFault(method, path, 'after');
			const late = after && (await this.applyFault(after, req, res, result));
			if (late !== undefined && late !== false) {
				if (record) record.status = late;
				return record;
			}
			if (result.raw) {
				result.raw(res);
			} else {
				sendJson(res, result.status || 200, result.body, result.headers);
			}
			if (record) record.status = result.status || 200;
		} catch (error) {
			sendJson(res, 500, { detail: `Emulator failure: ${error.message}` });
			if (record) record.status = 500;
		}
		return record;
	}

	/** The route's answer, Devin's error answers included, as a Reply. */
	async replyTo(ctx) {
		try {
			return await this.dispatch(ctx);
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			if (
				error.body !== null &&
				typeof error.body === 'object' &&
				error.body.instance === undefined &&
				error.body.title
			) {
				error.body.instance = ctx.path;
			}
			return new Reply({ status: error.status, body: error.body, headers: error.headers });
		}
	}

	/**
	 * Answers an API request in-process, as it would over HTTP but without logging or faults: a
	 * quick way for tests to create what they need. `key` names a ready-made key (default service).
	 */
	async call(method, path, { key = 'service', body, contentType } = {}) {
		const url = new URL(path, 'http://emulator');
		const query = {};
		const queryAll = {};
		for (const [name, value] of url.searchParams) {
			query[name] = value;
			(queryAll[name] = queryAll[name] || []).push(value);
		}
		const bodyBuffer =
			body === undefined
				? Buffer.alloc(0)
				: Buffer.isBuffer(body)
					? body
					: Buffer.from(JSON.stringify(body));
		const req = {
			headers: {
				authorization: `Bearer ${PRINCIPALS[key].token}`,
				'content-type': contentType || 'application/json',
			},
		};
		const result = await this.replyTo({
			req,
			res: undefined,
			method: method.toUpperCase(),
			path: url.pathname,
			query,
			queryAll,
			bodyBuffer,
		});
		return { status: result.status || 200, body: result.body, headers: result.headers || {} };
	}

	async dispatch(ctx) {
		let methodMismatch = false;
		for (const route of this.routes) {
			const params = route.match(ctx.path);
			// A route can exist only on some deployments (`meta.when`); elsewhere it is a plain 404.
			if (!params || (route.meta.when && !route.meta.when())) continue;
			if (route.method !== ctx.method) {
				methodMismatch = true;
				continue;
			}
			const version = route.meta.version;
			const full = { ...ctx, params, emulator: this, store: this.store };
			full.json = () => parseJson(ctx.bodyBuffer);
			if (version) {
				full.principal = this.authenticate(ctx.req, version, ctx.path);
				if (params.org) full.orgId = this.organizationFor(full.principal, params.org, ctx.path);
				else full.orgId = full.principal.org_id;
				this.requirePermission(full.principal, route.meta.permission, ctx.path);
				if (route.meta.anyOf) this.requireAnyPermission(full.principal, route.meta.anyOf, ctx.path);
			}
			const result = await route.handler(full);
			return result instanceof Reply ? result : new Reply({ body: result });
		}
		if (methodMismatch) throw new HttpError(405, { detail: 'Method Not Allowed' });
		throw new HttpError(404, { detail: 'Not Found' });
	}

	async listen(port = 0, host = '127.0.0.1') {
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				if (!res.headersSent) sendJson(res, 500, { detail: error.message });
			});
		});
		this.server.keepAliveTimeout = 1000;
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, resolve);
		});
		const address = this.server.address();
		this.url = `http://${host}:${address.port}`;
		this.port = address.port;
		return this;
	}

	async close() {
		if (!this.server) return;
		this.server.closeAllConnections?.();
		await new Promise((resolve) => this.server.close(() => resolve()));
	}

	/** The value a secret was created with (never part of any API answer). */
	secretValue(secretId) {
		return this.data.secrets?.get(secretId)?.value;
	}

	info() {
		const keys = {};
		for (const [name, principal] of Object.entries(PRINCIPALS)) keys[name] = principal.token;
		return { url: this.url, orgId: ORG_ID, otherOrgId: OTHER_ORG_ID, keys, now: this.clock.now() };
	}
}

/** What a fault answers when it names no status. */
const FAULT_STATUS = { html: 200, text: 500, empty: 200, redirect: 302, status: 500 };

/** A truncated answer can only be cut after Devin made it; every other fault may come before. */
function faultPhase(fault) {
	return fault.after || fault.kind === 'truncated' ? 'after' : 'before';
}

/** The web app's page for a 2xx (a Base URL pointing at a website), a proxy's error page otherwise. */
function htmlPage(status) {
	if (status < 400) {
		return '<!DOCTYPE html><html><head><title>Devin</title></head><body><div id="root"></div></body></html>';
	}
	const title = `${status} ${http.STATUS_CODES[status] || 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

function safeJson(buffer) {
	try {
		return JSON.parse(buffer.toString('utf8'));
	} catch {
		return buffer.toString('utf8');
	}
}

module.exports = { Emulator };
