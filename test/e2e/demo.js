#!/usr/bin/env node
'use strict';

/**
 * `npm start`: the Devin nodes in a real n8n editor, against the Devin API emulator, offline.
 * Checks its ports, builds the package, installs n8n 2.x into the cache the first time, starts the
 * emulator and n8n on 127.0.0.1:5678 with an owner account, a Devin API credential and the example
 * workflows, and prints what to do. n8n runs as a self-hoster runs an offline instance: nothing
 * that calls n8n's online services, production settings, its log in a file.
 *
 * Every way the demo ends stops what it started: Ctrl-C, SIGINT/SIGTERM/SIGHUP to this process or
 * to the `npm start` that runs it, npm dying, or this process being killed outright (n8n runs on a
 * tether that ends it when this process is gone).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startEmulator } = require('../../emulator');
const { ensureHost, ROOT } = require('./lib/hosts');
const { N8nInstance, OWNER, assertPortFree } = require('./lib/n8n');
const { run, stopRunning } = require('./lib/proc');
const { loadWorkflows, mainCredential } = require('./lib/fixtures');

const TIME_SCALE = Number(process.env.DEMO_TIME_SCALE || 10);
/** Where n8n's own log goes (kept after the demo ends, replaced by the next run). */
const N8N_LOG = path.join(ROOT, '.e2e', 'demo', 'n8n.log');

/**
 * n8n as an offline self-hosted instance: no telemetry, version checks, templates, banners,
 * community-package registry or AI service; production mode; its log in a file, not the terminal.
 */
const OFFLINE_N8N = {
	NODE_ENV: 'production',
	N8N_LOG_LEVEL: 'info',
	N8N_LOG_OUTPUT: 'file',
	N8N_LOG_FILE_LOCATION: N8N_LOG,
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
	N8N_AI_ENABLED: 'false',
	N8N_SENTRY_DSN: '',
	N8N_FRONTEND_SENTRY_DSN: '',
};

/** npm without its update check: the build is the only npm command the demo runs. */
const QUIET_NPM = { ...process.env, npm_config_update_notifier: 'false' };

const PORTS = [
	{ variable: 'DEMO_N8N_PORT', fallback: 5678, what: "n8n's editor" },
	{ variable: 'DEMO_EMULATOR_PORT', fallback: 4010, what: 'the Devin API emulator' },
];

const say = (message) => process.stdout.write(`${message}\n`);
// The terminal may be gone when npm is killed; writing to it must not end the cleanup.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

/** What to undo, newest first, however the demo ends. */
const cleanup = [];
let stopping = false;
let started = false;
async function stop(code, why) {
	if (stopping) return;
	stopping = true;
	if (started) say(`\n${why ? `${why}: s` : 'S'}topping n8n and the emulator…`);
	stopRunning(); // a build or the first-run install still in progress
	for (const step of cleanup.reverse()) await step().catch(() => {});
	process.exit(code);
}

/** The port each variable asks for, checked before anything else runs. */
async function choosePorts() {
	const chosen = [];
	for (const { variable, fallback, what } of PORTS) {
		const raw = process.env[variable];
		const port = raw === undefined || raw === '' ? fallback : Number(raw);
		if (!Number.isInteger(port) || port < 1 || port > 65535)
			throw new Error(`${variable} must be a port number from 1 to 65535, not "${raw}".`);
		if (chosen.includes(port))
			throw new Error(`${variable} is ${port}, the same port as n8n's editor: choose another one.`);
		await assertPortFree(port).catch(() => {
			throw new Error(
				`Port ${port} (${what}) is already in use. Stop what holds it, or choose another port: ${variable}=${port + 1} npm start`,
			);
		});
		chosen.push(port);
	}
	return chosen;
}

/** `ps` of one process: its parent and its command name, or undefined where `ps` is missing. */
function processInfo(pid) {
	try {
		const [ppid, ...command] = execFileSync('ps', ['-o', 'ppid=,comm=', '-p', String(pid)], {
			encoding: 'utf8',
		})
			.trim()
			.split(/\s+/);
		return { ppid: Number(ppid), command: command.join(' ') };
	} catch {
		return undefined;
	}
}

/**
 * Ends the demo when whatever started it is gone. `npm start` execs this script, so npm passes
 * SIGINT and SIGTERM on and its death changes our parent; run through a shell that does not exec,
 * the shell would stay (and swallow npm's SIGINT), so then the demo watches npm behind it.
 */
function watchLauncher() {
	const parent = process.ppid;
	let launcher = parent;
	if (process.env.npm_lifecycle_event) {
		const shell = processInfo(parent);
		if (shell && /(^|\/)(sh|bash|dash|zsh)$/.test(shell.command) && shell.ppid > 1)
			launcher = shell.ppid;
	}
	const alive = (pid) => {
		try {
			process.kill(pid, 0);
			return true;
		} catch (error) {
			return error.code === 'EPERM';
		}
	};
	setInterval(() => {
		if (process.ppid !== parent || !alive(launcher)) void stop(0, 'npm start ended');
	}, 500).unref();
}

/** Shows n8n's error-level log lines in the terminal; the rest stays in the log file. */
function relayErrors(file) {
	let offset = 0;
	let partial = '';
	setInterval(() => {
		let size;
		try {
			size = fs.statSync(file).size;
		} catch {
			return;
		}
		if (size < offset) offset = 0; // rotated
		if (size === offset) return;
		const buffer = Buffer.alloc(size - offset);
		const fd = fs.openSync(file, 'r');
		fs.readSync(fd, buffer, 0, buffer.length, offset);
		fs.closeSync(fd);
		offset = size;
		const lines = (partial + buffer.toString('utf8')).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) {
			try {
				const entry = JSON.parse(line);
				if (entry.level === 'error') process.stderr.write(`n8n error: ${entry.message}\n`);
			} catch {
				/* not a JSON log line */
			}
		}
	}, 1000).unref();
}

async function main() {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0));
	watchLauncher();
	const [n8nPort, emulatorPort] = await choosePorts();
	started = true;

	say('Building the package…');
	await run('npm', ['run', 'build'], { cwd: ROOT, env: QUIET_NPM, timeoutMs: 180_000 });
	const host = await ensureHost('n8n-2', say);

	const emulator = await startEmulator({ port: emulatorPort, timeScale: TIME_SCALE });
	cleanup.push(() => emulator.close());
	seed(emulator);

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-devin-demo-'));
	cleanup.push(async () => fs.rmSync(work, { recursive: true, force: true }));
	fs.mkdirSync(path.dirname(N8N_LOG), { recursive: true });
	fs.rmSync(N8N_LOG, { force: true });
	const n8n = await N8nInstance.create(host, work, { port: n8nPort, env: OFFLINE_N8N });
	const info = emulator.info();
	await n8n.importCredentials([mainCredential(emulator)]);
	const examples = loadWorkflows({ fast: emulator }).all.filter((workflow) =>
		workflow.id.startsWith('DevinEx'),
	);
	await n8n.importWorkflows(examples);
	say(`Starting n8n ${host.version}…`);
	cleanup.push(() => n8n.stop());
	relayErrors(N8N_LOG);
	// With its log in a file, what n8n still prints is a crash or a failure to start.
	await n8n.start({ log: (text) => process.stderr.write(text) });
	await n8n.login();

	say(
		[
			'',
			'  The Devin nodes are running in a real n8n, against the Devin API emulator. No Devin account needed.',
			'',
			`  n8n editor     ${n8n.url}`,
			`  Sign in        ${OWNER.email}  /  ${OWNER.password}`,
			`  Emulator       ${info.url}   (sessions finish in about ${Math.round(120 / TIME_SCALE)} s; ${info.url}/_emulator/info)`,
			`  n8n log        ${path.relative(process.cwd(), N8N_LOG) || N8N_LOG}   (errors also show here)`,
			'',
			'  Try this:',
			'   1. Open "Bug report → Devin session → wait → post PR link" and click Execute workflow.',
			'      Devin (the emulator) takes the bug, the node waits until the session finishes, and the',
			`      pull request link is posted (the "Slack" URL is the emulator's sink: ${info.url}/_emulator/sink).`,
			'   2. Double-click the Devin node: pick another Resource (Knowledge Note, Playbook, Schedule, …) and Operation.',
			'   3. Open "When a Devin session needs input, notify and reply" and click Execute workflow: the',
			`      trigger's test event is "${NEEDS_INPUT.title}", where Devin asks "${NEEDS_INPUT.question}";`,
			'      the workflow posts the question to the sink and replies with the answer in the Reply node.',
			'   4. The credential "Devin account" points at the emulator: put your own cog_ key and org ID there',
			'      and the Base URL https://api.devin.ai to use the real Devin.',
			'',
			'  Nothing here reaches the internet: n8n runs with its online services off.',
			'  Ctrl-C stops n8n and the emulator.',
			'',
		].join('\n'),
	);
	const ended = await n8n.exited;
	if (!stopping) await stop(1, `n8n stopped (exit ${ended.code ?? ended.signal})`);
}

/** The session that waits for an answer: Devin asked a question, the reply example answers it. */
const NEEDS_INPUT = {
	title: 'Add rate limiting to the public API',
	prompt: 'Add rate limiting to the public API in acme/api: 100 requests a minute per API key.',
	question: 'Which branch should I base the change on?',
};

/** A few sessions so that lists, the trigger's sample and "Tag and archive" have something to show. */
const DEMO_SESSIONS = [
	{
		hoursAgo: 5,
		title: 'Upgrade React to 19 in acme/web',
		prompt: 'Upgrade React to 19 in acme/web and fix what breaks.',
		status: 'exit',
		tags: ['frontend'],
		pr: 'acme/web/pull/412',
	},
	{
		hoursAgo: 3,
		title: 'Fix flaky payments test',
		prompt: 'The payments test in acme/api fails one run in ten. Find out why and fix it.',
		status: 'exit',
		tags: ['tests'],
		pr: 'acme/api/pull/88',
	},
	{
		hoursAgo: 1,
		title: NEEDS_INPUT.title,
		prompt: NEEDS_INPUT.prompt,
		status: 'running',
		detail: 'waiting_for_user',
		tags: ['backend'],
		devin: ["I'm on it. Reading acme/api now.", NEEDS_INPUT.question],
	},
];

function seed(emulator) {
	const now = emulator.clock.now();
	for (const { hoursAgo, title, prompt, status, detail, tags, pr, devin = [] } of DEMO_SESSIONS) {
		const createdAt = now - hoursAgo * 3_600_000;
		const [session] = emulator.seedSessions(1, {
			title,
			prompt,
			status,
			status_detail: detail ?? null,
			tags,
			created_at: createdAt,
			pull_requests: pr ? [{ pr_url: `https://github.com/${pr}`, pr_state: 'open' }] : [],
		});
		devin.forEach((message, index) =>
			emulator.store.addMessage(session, 'devin', message, createdAt + (index + 1) * 60_000),
		);
		if (devin.length) session.updated_at = createdAt + devin.length * 60_000;
	}
}

main().catch((error) => {
	process.stderr.write(`\nThe demo could not start: ${error.message}\n`);
	return stop(1);
});
