'use strict';

/**
 * n8n in queue mode: one main (`n8n start`: webhooks, trigger polls, waiting executions) and
 * workers (`n8n worker --concurrency=5`: every execution), sharing Postgres, Redis, the encryption
 * key and one copy of the built package. Each process has its own user folder, task-broker port and
 * (workers) health port, and its own log file: which worker ran an execution is only in those logs.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { run, killGroup, waitFor } = require('../../e2e/lib/proc');
const { freePort, assertPortFree, installPackage } = require('../../e2e/lib/n8n');

const ENCRYPTION_KEY = 'n8n-nodes-devin-queue-encryption-key';
const CONCURRENCY = 5;
const STARTED = /Worker started execution (\d+) \(job (\d+)\)/g;

class N8nProcess {
	/** `ready()`, when given, is what else must hold before a start counts as done. */
	constructor(cluster, name, args, env, readyUrl, ready) {
		Object.assign(this, { cluster, name, args, env, readyUrl, ready });
		this.starts = 0;
		this.logFiles = [];
	}

	get running() {
		return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
	}

	get pid() {
		return this.child?.pid;
	}

	async start(timeoutMs = 240_000) {
		const { host, lifecycle, dir } = this.cluster;
		this.starts += 1;
		const logFile = path.join(dir, 'logs', `${this.name}-${this.starts}.log`);
		this.logFiles.push(logFile);
		const out = fs.openSync(logFile, 'a');
		const started = Date.now();
		const child = spawn(host.nodeBinary, [host.n8nEntry, ...this.args], {
			env: this.env,
			cwd: this.env.N8N_USER_FOLDER,
			stdio: ['ignore', out, out],
			detached: true,
		});
		fs.closeSync(out);
		this.child = child;
		lifecycle.track(`n8n ${this.name}`, child, { server: true });
		child.exited = new Promise((resolve) =>
			child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
		);
		await waitFor(
			`n8n ${this.name} to answer ${this.readyUrl}`,
			async () => {
				if (child.exitCode !== null)
					throw new Error(`n8n ${this.name} exited with ${child.exitCode}:\n${this.logTail()}`);
				return fetch(this.readyUrl)
					.then((response) => response.ok)
					.catch(() => false);
			},
			timeoutMs,
		);
		if (this.ready) await this.ready(timeoutMs);
		return (Date.now() - started) / 1000;
	}

	/** SIGTERM to the process group, SIGKILL after `graceMs`; resolves with how it ended. */
	async stop(graceMs = 10_000) {
		const child = this.child;
		if (!child) return undefined;
		const started = Date.now();
		if (child.exitCode === null && child.signalCode === null) {
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
			const exit = await child.exited;
			clearTimeout(timer);
			return { ...exit, seconds: (Date.now() - started) / 1000 };
		}
		return child.exited;
	}

	/** A crash: SIGKILL to the whole group (a worker's task runner would outlive it otherwise). */
	async kill() {
		const child = this.child;
		if (!child) return;
		killGroup(child, 'SIGKILL');
		await child.exited;
	}

	log() {
		return this.logFiles
			.map((file) => {
				try {
					return fs.readFileSync(file, 'utf8');
				} catch {
					return '';
				}
			})
			.join('\n');
	}

	logTail(chars = 3000) {
		return this.log().slice(-chars);
	}
}

class QueueCluster {
	constructor({ host, dir, lifecycle, postgres, redis, workers = 2 }) {
		Object.assign(this, { host, dir, lifecycle, postgres, redis });
		this.workerNames = Array.from({ length: workers }, (_, index) => `w${index + 1}`);
		fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
	}

	/** One copy of the built package for every process, and each process's ports and environment. */
	async prepare() {
		this.extensions = installPackage(this.dir, this.host);
		this.port = await freePort();
		await assertPortFree(this.port);
		this.url = `http://127.0.0.1:${this.port}`;
		this.main = new N8nProcess(
			this,
			'main',
			['start'],
			this.env('main', {
				N8N_PORT: String(this.port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_EDITOR_BASE_URL: this.url,
				WEBHOOK_URL: `${this.url}/`,
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			}),
			`${this.url}/healthz/readiness`,
			(timeoutMs) => this.webhooksRegistered(timeoutMs),
		);
		this.workers = {};
		for (const name of this.workerNames) {
			const health = await freePort();
			this.workers[name] = new N8nProcess(
				this,
				name,
				['worker', `--concurrency=${CONCURRENCY}`],
				this.env(name, {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(health),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				}),
				`http://127.0.0.1:${health}/healthz/readiness`,
			);
		}
	}

	env(name, extra) {
		const userFolder = path.join(this.dir, 'n8n', name);
		fs.mkdirSync(userFolder, { recursive: true });
		const env = {
			...process.env,
			PATH: `${this.host.pathPrefix}${process.env.PATH}`,
			NODE_ENV: 'production',
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_CUSTOM_EXTENSIONS: this.extensions,
			...this.postgres.env(),
			EXECUTIONS_MODE: 'queue',
			...this.redis.env(),
			N8N_LOG_LEVEL: 'info',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_SECURE_COOKIE: 'false',
			...this.host.env,
			...extra,
		};
		for (const key of Object.keys(env)) if (/^npm_/.test(key)) delete env[key];
		return env;
	}

	/** An n8n CLI command against the shared database (run with the main's environment). */
	cli(args, timeoutMs = 300_000) {
		return run(this.host.nodeBinary, [this.host.n8nEntry, ...args], {
			env: this.main.env,
			cwd: this.main.env.N8N_USER_FOLDER,
			timeoutMs,
			onSpawn: (child) => this.lifecycle.track(`n8n ${args[0]}`, child),
		});
	}

	writeJson(name, value) {
		const file = path.join(this.dir, name);
		fs.writeFileSync(file, JSON.stringify(value, null, '\t'));
		return file;
	}

	/**
	 * Imports credentials and workflows and publishes the workflows: production webhooks and trigger
	 * polls exist only for published ones, and a running main would not see a later publish.
	 */
	async load(credentials, workflows) {
		const timings = {};
		this.webhookRoutes = workflows.flatMap((workflow) =>
			workflow.nodes
				.filter((node) => node.type === 'n8n-nodes-base.webhook')
				.map((node) => node.parameters.path),
		);
		let started = Date.now();
		await this.cli([
			'import:credentials',
			`--input=${this.writeJson('credentials.json', credentials)}`,
		]);
		timings.importCredentialsSeconds = (Date.now() - started) / 1000;
		const dir = path.join(this.dir, 'workflows');
		fs.mkdirSync(dir, { recursive: true });
		for (const workflow of workflows)
			fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, '\t'));
		started = Date.now();
		await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		timings.importWorkflowsSeconds = (Date.now() - started) / 1000;
		started = Date.now();
		// Each CLI start costs seconds of CPU; two at a time keeps both cores busy.
		const queue = workflows.map((workflow) => workflow.id);
		const publishNext = async () => {
			for (let id = queue.shift(); id; id = queue.shift())
				await this.cli(['publish:workflow', `--id=${id}`]);
		};
		await Promise.all([publishNext(), publishNext()]);
		timings.publishSeconds = (Date.now() - started) / 1000;
		return timings;
	}

	/** Main and workers together; resolves when all answer their readiness checks. */
	async startAll() {
		const processes = [this.main, ...Object.values(this.workers)];
		this.lifecycle.add('n8n', () => Promise.all(processes.map((process) => process.stop(5000))));
		const seconds = await Promise.all(processes.map((process) => process.start()));
		return Object.fromEntries(processes.map((process, index) => [process.name, seconds[index]]));
	}

	/** Which worker(s) started each execution, from the workers' logs (a resumed execution runs again). */
	workersByExecution() {
		const map = new Map();
		for (const [name, worker] of Object.entries(this.workers))
			for (const match of worker.log().matchAll(STARTED)) {
				const list = map.get(match[1]) ?? [];
				list.push(name);
				map.set(match[1], list);
			}
		return map;
	}

	/** How many of these executions each worker started. */
	perWorker(executionIds) {
		const map = this.workersByExecution();
		const counts = Object.fromEntries(this.workerNames.map((name) => [name, 0]));
		for (const id of executionIds) for (const name of map.get(String(id)) ?? []) counts[name] += 1;
		return counts;
	}

	/**
	 * The main answers its readiness check before it has activated the published workflows: a
	 * production webhook exists once a GET to it is told to use POST instead of "not registered".
	 */
	async webhooksRegistered(timeoutMs) {
		for (const route of this.webhookRoutes ?? [])
			await waitFor(
				`the main to register webhook ${route}`,
				async () => {
					const response = await fetch(`${this.url}/webhook/${route}`).catch(() => undefined);
					const text = response ? await response.text() : '';
					return /Did you mean to make a POST request/.test(text);
				},
				timeoutMs,
				250,
			);
	}

	async webhook(route, body) {
		const response = await fetch(`${this.url}/webhook/${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`POST /webhook/${route} answered ${response.status}: ${text.slice(0, 300)}`);
		return text;
	}

	/** A workflow's executions in Postgres, oldest first. */
	executions(workflowId) {
		return this.postgres.query(
			`SELECT id::text AS id, status, mode, finished, "startedAt", "stoppedAt", "waitTill", "retryOf"
			 FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`,
		);
	}

	/** An execution's run data, parsed the way n8n stores it (flatted). */
	async runData(executionId) {
		const [row] = await this.postgres.query(
			`SELECT data FROM execution_data WHERE "executionId" = ${Number(executionId)}`,
		);
		if (!row) return undefined;
		const flatted = require(path.join(this.host.dir, 'node_modules', 'flatted'));
		return flatted.parse(row.data)?.resultData?.runData;
	}

	/** RSS in MB of a process and its children (a worker's task runner). */
	rssMb(process) {
		const pids = [process.pid];
		try {
			pids.push(
				...fs
					.readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
					.trim()
					.split(/\s+/)
					.filter(Boolean)
					.map(Number),
			);
		} catch {
			return undefined;
		}
		let kb = 0;
		for (const pid of pids) {
			try {
				kb += Number(
					/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0,
				);
			} catch {
				/* gone */
			}
		}
		return Math.round(kb / 1024);
	}
}

module.exports = { QueueCluster, N8nProcess, CONCURRENCY };
