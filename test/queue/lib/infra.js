'use strict';

/**
 * PostgreSQL and Redis for n8n's queue mode, from Debian packages: installed when missing, started
 * on free loopback ports with their own data folders under the run folder, stopped by process group.
 * Debian's policy-rc.d keeps apt from starting either service, so nothing else runs on the machine.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { run, killGroup, waitFor } = require('../../e2e/lib/proc');
const { freePort } = require('../../e2e/lib/n8n');

const PG_PACKAGE = 'postgresql-15';
const PG_USER = 'postgres';
const DB = { name: 'n8n', user: 'n8n', password: 'n8n' };

const isRoot = () => process.getuid?.() === 0;

function which(binary) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const file = path.join(dir, binary);
		if (fs.existsSync(file)) return file;
	}
	return undefined;
}

/** The newest PostgreSQL server Debian installed (its binaries are not on PATH). */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((version) => fs.existsSync(path.join(root, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

/** Installs what is missing with apt-get (through sudo unless root); returns how long it took. */
async function ensurePackages(log) {
	const missing = [];
	const pgBin = postgresBin();
	if (!pgBin || !fs.existsSync(path.join(pgBin, 'psql'))) missing.push(PG_PACKAGE);
	if (!which('redis-server') || !which('redis-cli')) missing.push('redis-server');
	if (!missing.length) return 0;
	const started = Date.now();
	const prefix = isRoot() ? [] : ['sudo'];
	const aptGet = (args) => {
		const [command, ...rest] = [
			...prefix,
			'env',
			'DEBIAN_FRONTEND=noninteractive',
			'apt-get',
			...args,
		];
		return run(command, rest, { timeoutMs: 10 * 60_000, log });
	};
	log(`installing ${missing.join(', ')} from Debian packages`);
	const install = ['install', '-y', '-q', '--no-install-recommends', ...missing];
	await aptGet(install).catch(async () => {
		await aptGet(['update', '-q']);
		await aptGet(install);
	});
	return (Date.now() - started) / 1000;
}

/** A detached server whose output goes to a log file; `pid` is the server itself (setpriv execs). */
function startServer(command, args, { logFile, cwd }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { cwd, stdio: ['ignore', out, out], detached: true });
	fs.closeSync(out);
	child.exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	child.on('error', () => {});
	return child;
}

async function stopServer(child, signal, graceMs = 10_000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	killGroup(child, signal);
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await child.exited;
	clearTimeout(timer);
}

class Postgres {
	/** `track(name, child, options)` records each process it starts as soon as it is spawned. */
	constructor(dir, bin, track = () => {}) {
		this.dir = dir;
		this.bin = bin;
		this.track = track;
		this.data = path.join(dir, 'data');
	}

	/** Postgres refuses to run as root: then it runs as the `postgres` user Debian created. */
	asServerUser(command, args) {
		if (!isRoot()) return [command, args];
		return [
			'setpriv',
			[`--reuid=${PG_USER}`, `--regid=${PG_USER}`, '--init-groups', command, ...args],
		];
	}

	async start(log) {
		fs.mkdirSync(this.data, { recursive: true });
		if (isRoot()) await run('chown', ['-R', `${PG_USER}:${PG_USER}`, this.dir]);
		const initdb = this.asServerUser(path.join(this.bin, 'initdb'), [
			'-D',
			this.data,
			'-U',
			'postgres',
			'--auth=trust',
			'-E',
			'UTF8',
			'--no-instructions',
		]);
		await run(initdb[0], initdb[1], {
			cwd: this.dir,
			timeoutMs: 120_000,
			onSpawn: (child) => this.track('initdb', child, { persist: false }),
		});
		this.port = await freePort();
		const server = this.asServerUser(path.join(this.bin, 'postgres'), [
			'-D',
			this.data,
			'-p',
			String(this.port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			// Throw-away data: durability settings only cost time here.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		]);
		this.child = startServer(server[0], server[1], {
			logFile: path.join(this.dir, 'postgres.log'),
			cwd: this.dir,
		});
		this.track('postgres', this.child, { server: true });
		await waitFor(
			`PostgreSQL on port ${this.port}`,
			async () => {
				if (this.child.exitCode !== null)
					throw new Error(`postgres exited with ${this.child.exitCode}: ${this.logTail()}`);
				return this.psqlAs('postgres', 'postgres', 'SELECT 1')
					.then(() => true)
					.catch(() => false);
			},
			30_000,
		);
		await this.psqlAs(
			'postgres',
			'postgres',
			`CREATE ROLE ${DB.user} LOGIN PASSWORD '${DB.password}'`,
		);
		await this.psqlAs('postgres', 'postgres', `CREATE DATABASE ${DB.name} OWNER ${DB.user}`);
		this.version = (await this.psqlAs('postgres', 'postgres', 'SHOW server_version')).trim();
		log(`PostgreSQL ${this.version} on 127.0.0.1:${this.port} (pid ${this.child.pid})`);
	}

	logTail() {
		try {
			return fs.readFileSync(path.join(this.dir, 'postgres.log'), 'utf8').slice(-1500);
		} catch {
			return '';
		}
	}

	async psqlAs(user, database, sql) {
		const result = await run(
			path.join(this.bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(this.port), '-U', user, '-d', database, '-XAtq', '-c', sql],
			{
				env: { ...process.env, PGPASSWORD: DB.password },
				timeoutMs: 30_000,
				onSpawn: (child) => this.track('psql', child, { persist: false }),
			},
		);
		return result.stdout;
	}

	/** Rows of a SELECT as plain objects (one round trip: the rows come back as one JSON array). */
	async query(sql) {
		const text = await this.psqlAs(
			DB.user,
			DB.name,
			`SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`,
		);
		return JSON.parse(text);
	}

	/** n8n's connection settings. */
	env() {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: DB.name,
			DB_POSTGRESDB_USER: DB.user,
			DB_POSTGRESDB_PASSWORD: DB.password,
		};
	}

	/** SIGINT is Postgres's fast shutdown: it ends client connections instead of waiting for them. */
	stop() {
		return stopServer(this.child, 'SIGINT');
	}
}

class Redis {
	constructor(dir, prefix, track = () => {}) {
		this.dir = dir;
		this.prefix = prefix;
		this.track = track;
	}

	async start(log) {
		fs.mkdirSync(this.dir, { recursive: true });
		this.port = await freePort();
		// prettier-ignore
		this.child = startServer(which('redis-server'), [
			'--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir,
			'--save', '', '--appendonly', 'no', '--daemonize', 'no',
		], { logFile: path.join(this.dir, 'redis.log'), cwd: this.dir });
		this.track('redis', this.child, { server: true });
		await waitFor(
			`Redis on port ${this.port}`,
			async () => {
				if (this.child.exitCode !== null)
					throw new Error(`redis-server exited with ${this.child.exitCode}`);
				return this.cli(['PING'])
					.then((out) => out.trim() === 'PONG')
					.catch(() => false);
			},
			30_000,
		);
		this.version = (await this.cli(['INFO', 'server'])).match(/redis_version:(\S+)/)?.[1];
		log(`Redis ${this.version} on 127.0.0.1:${this.port} (pid ${this.child.pid})`);
	}

	async cli(args) {
		const result = await run(
			which('redis-cli'),
			['-h', '127.0.0.1', '-p', String(this.port), ...args],
			{
				timeoutMs: 15_000,
				onSpawn: (child) => this.track('redis-cli', child, { persist: false }),
			},
		);
		return result.stdout;
	}

	/** The execution IDs of the jobs Bull holds as active (taken by a worker), in one round trip. */
	async activeExecutionIds() {
		const script =
			"local out = {} for _, id in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do " +
			"out[#out + 1] = redis.call('HGET', ARGV[1] .. id, 'data') or '{}' end return out";
		const queue = `${this.prefix}:jobs`;
		const out = await this.cli(['EVAL', script, '1', `${queue}:active`, `${queue}:`]);
		return out
			.split('\n')
			.filter((line) => line.trim())
			.map((line) => {
				try {
					return String(JSON.parse(line).executionId);
				} catch {
					return '?';
				}
			});
	}

	env() {
		return {
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.port),
			QUEUE_BULL_PREFIX: this.prefix,
		};
	}

	stop() {
		return stopServer(this.child, 'SIGTERM');
	}
}

module.exports = { ensurePackages, postgresBin, Postgres, Redis, isRoot };
