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
		const entry = { count: 1, kind: 'status', ...fault, id: `fault-${this.faults.length + 1}` };
		this.faults.push(entry);
		return entry;
	}

	takeFault(method, path, phase) {
		const index = this.faults.findIndex((fault) => {
			if (fault.count <= 0) return false;
			if ((fault.after ? 'after' : 'before') !== phase) return false;
			if (fault.method && fault.method.toUpperCase() !== method) return false;
			if (fault.path && !path.includes(fault.path)) return false;
			return true;
		});
		if (index < 0) return undefined;
		const fault = this.faults[index];
		fault.count -= 1;
		if (fault.count <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/** Answers as the fault says; returns true when the response was taken over. */
	async applyFault(fault, res) {
		if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		if (fault.kind === 'delay') return false;
		if (fault.kind === 'reset') {
			res.socket.destroy();
			return true;
		}
		if (fault.kind === 'html') {
			res.writeHead(fault.status || 200, { 'content-type': 'text/html' });
			res.end(
				'<!DOCTYPE html><html><head><title>Devin</title></head><body><div id="root"></div></body></html>',
			);
			return true;
		}
		if (fault.kind === 'text') {
			res.writeHead(fault.status || 500, { 'content-type': 'text/plain' });
			res.end(fault.body || 'Internal Server Error');
			return true;
		}
		const headers = {};
		if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
		const status = fault.status || 500;
		const body =
			fault.body !== undefined
				? fault.body
				: { detail: status === 429 ? 'Rate limit exceeded' : 'Internal server error' };
		sendJson(res, status, body, headers);
		return true;
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
			if (before && (await this.applyFault(before, res))) {
				if (record)
					record.status =
						before.kind === 'reset'
							? 'reset'
							: before.status || (before.kind === 'html' ? 200 : 500);
				return record;
			}
			if (isApi && this.options.advancePerRequestMs)
				this.clock.advance(this.options.advancePerRequestMs);

			const result = await this.dispatch({ req, res, method, path, query, queryAll, bodyBuffer });
			const after = isApi && this.takeFault(method, path, 'after');
			if (after && (await this.applyFault(after, res))) {
				if (record) record.status = after.kind === 'reset' ? 'reset' : after.status || 500;
				return record;
			}
			if (result.raw) {
				result.raw(res);
			} else {
				sendJson(res, result.status || 200, result.body, result.headers);
			}
			if (record) record.status = result.status || 200;
		} catch (error) {
			if (error instanceof HttpError) {
				if (
					error.body !== null &&
					typeof error.body === 'object' &&
					error.body.instance === undefined &&
					error.body.title
				) {
					error.body.instance = path;
				}
				sendJson(res, error.status, error.body, error.headers);
				if (record) record.status = error.status;
				return record;
			}
			sendJson(res, 500, { detail: `Emulator failure: ${error.message}` });
			if (record) record.status = 500;
		}
		return record;
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

function safeJson(buffer) {
	try {
		return JSON.parse(buffer.toString('utf8'));
	} catch {
		return buffer.toString('utf8');
	}
}

module.exports = { Emulator };
