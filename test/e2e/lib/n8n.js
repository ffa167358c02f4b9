'use strict';

/**
 * One real n8n instance for the end-to-end tests and the demo: its own user folder (SQLite DB and
 * settings), the built package loaded as a custom extension, CLI commands with time limits, and
 * `n8n start` with the REST calls a browser would make.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { run, killGroup, waitFor } = require('./proc');
const { ROOT } = require('./hosts');

const TETHER = path.join(__dirname, 'tether.js');
const ENCRYPTION_KEY = 'n8n-nodes-devin-e2e-encryption-key';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Devin-demo-2026',
};

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Fails clearly when something else holds the port: its answers would pass for n8n's. */
function assertPortFree(port) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', () =>
			reject(
				new Error(`port ${port} is already in use; stop what holds it or choose another port`),
			),
		);
		server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
	});
}

/**
 * Installs the built package the way n8n sees a community package: dist/ and package.json under
 * node_modules/n8n-nodes-devin, next to the host's own n8n-workflow (our only peer dependency), so
 * errors thrown by our code are the host's NodeApiError class.
 */
function installPackage(work, host) {
	const modules = path.join(work, 'extensions', 'node_modules');
	const target = path.join(modules, 'n8n-nodes-devin');
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.cpSync(path.join(ROOT, 'dist'), path.join(target, 'dist'), { recursive: true });
	fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'));
	const link = path.join(modules, 'n8n-workflow');
	fs.rmSync(link, { recursive: true, force: true });
	fs.symlinkSync(host.workflowPackage, link, 'dir');
	return path.join(target, 'dist');
}

class N8nInstance {
	constructor(host, work, { port, brokerPort, extraEnv = {} }) {
		this.host = host;
		this.work = work;
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		fs.mkdirSync(path.join(work, 'user'), { recursive: true });
		const dist = installPackage(work, host);
		this.env = {
			...process.env,
			PATH: `${host.pathPrefix}${process.env.PATH}`,
			N8N_USER_FOLDER: path.join(work, 'user'),
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_CUSTOM_EXTENSIONS: dist,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_EDITOR_BASE_URL: this.url,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_SECURE_COOKIE: 'false',
			...host.env,
			...extraEnv,
		};
		for (const name of Object.keys(this.env)) if (/^npm_/.test(name)) delete this.env[name];
		this.cookies = '';
	}

	static async create(host, work, options = {}) {
		const port = options.port ?? (await freePort());
		const brokerPort = await freePort();
		return new N8nInstance(host, work, { port, brokerPort, extraEnv: options.env });
	}

	cli(args, { timeoutMs = 180_000, allowFailure = false } = {}) {
		const attempt = run(this.host.nodeBinary, [this.host.n8nEntry, ...args], {
			env: this.env,
			cwd: this.work,
			timeoutMs,
		});
		return allowFailure ? attempt.catch((error) => error) : attempt;
	}

	writeJson(name, value) {
		const file = path.join(this.work, name);
		fs.writeFileSync(file, JSON.stringify(value, null, '\t'));
		return file;
	}

	async importCredentials(credentials) {
		await this.cli([
			'import:credentials',
			`--input=${this.writeJson('credentials.json', credentials)}`,
		]);
	}

	/** Imports workflows (all at once: every CLI start costs seconds). */
	async importWorkflows(workflows) {
		const dir = path.join(this.work, 'workflows');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir);
		for (const workflow of workflows)
			fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
		await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** `n8n execute --id --rawOutput`: the run's JSON (or null), the exit code and what n8n printed. */
	async execute(id) {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { allowFailure: true });
		const stdout = result.stdout ?? '';
		const code = result.code ?? 0;
		// n8n 2.x logs a few lines first; the JSON starts at a line that is just `{`.
		const start = stdout.search(/^\{$/m);
		let json = null;
		try {
			json = start >= 0 ? JSON.parse(stdout.slice(start)) : null;
		} catch {
			json = null;
		}
		return {
			code,
			json,
			stdout,
			stderr: result.stderr ?? '',
			output: `${stdout}\n${result.stderr ?? ''}`,
		};
	}

	async activate(id) {
		if (this.host.line === 'n8n-1')
			await this.cli(['update:workflow', `--id=${id}`, '--active=true']);
		else await this.cli(['publish:workflow', `--id=${id}`]);
	}

	/** `n8n start`, resolved once the instance answers /healthz/readiness. */
	async start({ timeoutMs = 120_000, log } = {}) {
		await assertPortFree(this.port);
		// On a tether: n8n (in its own process group) stops even when this process is killed outright.
		const child = spawn(
			process.execPath,
			[TETHER, this.host.nodeBinary, this.host.n8nEntry, 'start'],
			{
				// NODE_OPTIONS are for n8n's Node, not for the tether's (which may refuse some).
				env: this.env.NODE_OPTIONS
					? { ...this.env, NODE_OPTIONS: '', TETHERED_NODE_OPTIONS: this.env.NODE_OPTIONS }
					: this.env,
				cwd: this.work,
				stdio: ['pipe', 'pipe', 'pipe'],
				detached: true,
			},
		);
		this.child = child;
		this.startOutput = '';
		const collect = (chunk) => {
			this.startOutput += chunk;
			if (log) log(chunk.toString());
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		this.exited = new Promise((resolve) =>
			child.on('exit', (code, signal) => {
				child.stdin.destroy();
				resolve({ code, signal });
			}),
		);
		await waitFor(
			'n8n to answer /healthz/readiness',
			async () => {
				if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}`);
				return fetch(`${this.url}/healthz/readiness`)
					.then((response) => response.ok)
					.catch(() => false);
			},
			timeoutMs,
		).catch(async (error) => {
			await this.stop();
			throw new Error(`${error.message}\n${this.startOutput.slice(-3000)}`);
		});
	}

	async stop() {
		const child = this.child;
		if (!child) return;
		this.child = undefined;
		child.kill('SIGTERM'); // the tether passes it on to n8n
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 20_000);
		await this.exited;
		clearTimeout(timer);
	}

	/** The headers of a logged-in browser: n8n ties its session cookie to a browser ID. */
	authHeaders() {
		return {
			...(this.cookies ? { cookie: this.cookies } : {}),
			'browser-id': 'n8n-nodes-devin-e2e',
		};
	}

	async rest(method, route, body) {
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { 'content-type': 'application/json', ...this.authHeaders() },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		if (setCookie.length) this.cookies = setCookie.map((cookie) => cookie.split(';')[0]).join('; ');
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		if (!response.ok)
			throw new Error(`${method} /rest${route} answered ${response.status}: ${text.slice(0, 500)}`);
		return json;
	}

	/** Creates the owner account (first start) or logs in with it. */
	async login() {
		try {
			await this.rest('POST', '/owner/setup', OWNER);
		} catch {
			await this.rest('POST', '/login', {
				emailOrLdapLoginId: OWNER.email,
				email: OWNER.email,
				password: OWNER.password,
			});
		}
	}
}

module.exports = { N8nInstance, OWNER, freePort, assertPortFree, installPackage };
