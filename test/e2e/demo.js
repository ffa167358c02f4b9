#!/usr/bin/env node
'use strict';

/**
 * `npm start`: the Devin nodes in a real n8n editor, against the Devin API emulator, offline.
 * Builds the package, installs n8n 2.x into the cache the first time, starts the emulator and
 * n8n on 127.0.0.1:5678 with an owner account, a Devin API credential and the example workflows,
 * and prints what to do. Ctrl-C stops everything it started.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startEmulator } = require('../../emulator');
const { ensureHost, ROOT } = require('./lib/hosts');
const { N8nInstance, OWNER } = require('./lib/n8n');
const { run } = require('./lib/proc');
const { loadWorkflows, mainCredential } = require('./lib/fixtures');

const N8N_PORT = Number(process.env.DEMO_N8N_PORT || 5678);
const EMULATOR_PORT = Number(process.env.DEMO_EMULATOR_PORT || 4010);
const TIME_SCALE = Number(process.env.DEMO_TIME_SCALE || 10);

const say = (message) => process.stdout.write(`${message}\n`);

/** What to undo on Ctrl-C, or when the start fails half-way (n8n runs in its own process group). */
const cleanup = [];
let stopping = false;
async function stop(code) {
	if (stopping) return;
	stopping = true;
	say('\nStopping n8n and the emulator…');
	for (const step of cleanup.reverse()) await step().catch(() => {});
	process.exit(code);
}

async function main() {
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	say('Building the package…');
	await run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 180_000 });
	const host = await ensureHost('n8n-2', say);

	const emulator = await startEmulator({ port: EMULATOR_PORT, timeScale: TIME_SCALE }).catch(
		(error) => {
			throw new Error(
				`Could not start the Devin API emulator on port ${EMULATOR_PORT} (${error.message}); set DEMO_EMULATOR_PORT`,
			);
		},
	);
	cleanup.push(() => emulator.close());
	seed(emulator);

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-devin-demo-'));
	cleanup.push(async () => fs.rmSync(work, { recursive: true, force: true }));
	const n8n = await N8nInstance.create(host, work, { port: N8N_PORT });
	const info = emulator.info();
	await n8n.importCredentials([mainCredential(emulator)]);
	const examples = loadWorkflows({ fast: emulator }).all.filter((workflow) =>
		workflow.id.startsWith('DevinEx'),
	);
	await n8n.importWorkflows(examples);
	say(`Starting n8n ${host.version}…`);
	cleanup.push(() => n8n.stop());
	await n8n.start({
		log: (text) => {
			if (/error/i.test(text) && !/python|task runner|license/i.test(text))
				process.stderr.write(text);
		},
	});
	await n8n.login();

	say(
		[
			'',
			'  The Devin nodes are running in a real n8n, against the Devin API emulator. No Devin account needed.',
			'',
			`  n8n editor     ${n8n.url}`,
			`  Sign in        ${OWNER.email}  /  ${OWNER.password}`,
			`  Emulator       ${info.url}   (sessions finish in about ${Math.round(120 / TIME_SCALE)} s; ${info.url}/_emulator/info)`,
			'',
			'  Try this:',
			'   1. Open "Bug report → Devin session → wait → post PR link" and click Execute workflow.',
			'      Devin (the emulator) takes the bug, the node waits until the session finishes, and the',
			`      pull request link is posted (the "Slack" URL is the emulator's sink: ${info.url}/_emulator/sink).`,
			'   2. Double-click the Devin node: pick another Resource (Knowledge, Playbook, Schedule, …) and Operation.',
			'   3. Open "When a Devin session needs input, notify and reply", click the Devin Trigger and',
			'      Fetch Test Event; then Publish it and start a session whose prompt contains #needs-input.',
			'   4. The credential "Devin account" points at the emulator: put your own cog_ key and org ID there',
			'      and the base URL https://api.devin.ai to use the real Devin.',
			'',
			'  Ctrl-C stops n8n and the emulator.',
			'',
		].join('\n'),
	);
	await n8n.exited;
	if (!stopping) {
		say('n8n stopped.');
		await stop(1);
	}
}

/** A few sessions so that lists, the trigger's sample and "Tag and archive" have something to show. */
const DEMO_SESSIONS = [
	{
		hoursAgo: 5,
		title: 'Upgrade React to 19 in acme/web',
		status: 'exit',
		tags: ['frontend'],
		pr: 'acme/web/pull/412',
	},
	{
		hoursAgo: 3,
		title: 'Fix flaky payments test',
		status: 'exit',
		tags: ['tests'],
		pr: 'acme/api/pull/88',
	},
	{
		hoursAgo: 1,
		title: 'Add rate limiting to the public API',
		status: 'running',
		detail: 'waiting_for_user',
		tags: ['backend'],
	},
];

function seed(emulator) {
	const now = emulator.clock.now();
	for (const { hoursAgo, title, status, detail, tags, pr } of DEMO_SESSIONS)
		emulator.seedSessions(1, {
			title,
			status,
			status_detail: detail ?? null,
			tags,
			created_at: now - hoursAgo * 3_600_000,
			pull_requests: pr ? [{ pr_url: `https://github.com/${pr}`, pr_state: 'open' }] : [],
		});
}

main().catch((error) => {
	process.stderr.write(`\nThe demo could not start: ${error.message}\n`);
	return stop(1);
});
