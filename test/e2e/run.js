#!/usr/bin/env node
'use strict';

/**
 * End-to-end tests: the built package inside real, unmodified n8n instances (2.x on Node 24 and 1.x
 * on Node 20), driven headlessly against the Devin API emulator.
 *
 *   node test/e2e/run.js [--lines n8n-2,n8n-1] [--no-screenshots] [--no-demo] [--keep] [--only agent]
 *
 * For each line: install n8n once into the cache (see lib/hosts.js), import the credentials and
 * every workflow in examples/ and test/e2e/workflows/, run each with `n8n execute --id --rawOutput`
 * and check its JSON and the emulator's request log; then publish the trigger workflows and run
 * `n8n start` three times (every start is one poll): baseline, one event, nothing again. On n8n 2.x
 * the editor is also opened in Chromium for the screenshots in docs/. Last, `npm start` is checked
 * as a newcomer uses it (demo-check.js).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startEmulator } = require('../../emulator');
const { ensureHost, ROOT } = require('./lib/hosts');
const { N8nInstance } = require('./lib/n8n');
const { run } = require('./lib/proc');
const { loadWorkflows, credentialsFor } = require('./lib/fixtures');
const { Checks } = require('./lib/checks');
const { executeChecks } = require('./cases/execute');
const { repositoryChecks } = require('./cases/repositories');
const { triggerChecks } = require('./cases/trigger');
const { agentChecks, SCRIPTS } = require('./cases/agent');
const { startModelServer } = require('./lib/model-server');

function option(name) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

const lines = (option('lines') || process.env.E2E_LINES || 'n8n-2,n8n-1')
	.split(',')
	.filter(Boolean);
const screenshots = !process.argv.includes('--no-screenshots');
const keep = process.argv.includes('--keep');
/** `--only agent` runs the AI Agent checks alone (a quicker loop while working on tool mode). */
const only = option('only');

const log = (message) =>
	process.stdout.write(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function runLine(line, checks) {
	const started = Date.now();
	const host = await ensureHost(line, log);
	log(`${line}: n8n ${host.version} ready (${Math.round((Date.now() - started) / 1000)} s)`);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), `devin-e2e-${line}-`));
	// Sessions finish in about 2 s on the fast emulator; the trigger's emulator keeps real time so
	// that its timestamps and n8n's clock agree, and the tests move sessions on by hand.
	const fast = await startEmulator({ timeScale: 60 });
	const realtime = await startEmulator({ timeScale: 1 });
	const model = await startModelServer(SCRIPTS);
	const n8n = await N8nInstance.create(host, work);
	checks.section(`${line} (n8n ${host.version})`);
	try {
		const seeded = seed(fast);
		const credentials = credentialsFor({ fast, realtime, model });
		await n8n.importCredentials(credentials);
		const workflows = loadWorkflows({ fast, realtime, seededSessionId: seeded.sessionId });
		await n8n.importWorkflows(workflows.all);
		log(`${line}: imported ${workflows.all.length} workflows`);
		const context = {
			n8n,
			fast,
			realtime,
			model,
			workflows,
			credentials,
			seeded,
			checks,
			log,
			host,
		};
		if (only !== 'agent') {
			await executeChecks(context);
			await repositoryChecks(context);
		}
		await agentChecks({ ...context, screenshots: screenshots && line === 'n8n-2' });
		if (only !== 'agent')
			await triggerChecks({ ...context, screenshots: screenshots && line === 'n8n-2' });
	} finally {
		await n8n.stop();
		await fast.close();
		await realtime.close();
		await model.close();
		if (!keep) fs.rmSync(work, { recursive: true, force: true });
		else log(`${line}: kept ${work}`);
	}
	log(`${line}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** What the executed workflows find on the fast emulator. */
function seed(emulator) {
	const [session] = emulator.seedSessions(1, {
		title: 'Fix checkout on Safari',
		status: 'exit',
		tags: ['bug'],
		pull_requests: [{ pr_url: 'https://github.com/acme/web/pull/7', pr_state: 'open' }],
	});
	emulator.seedSessions(230, { title: 'Seeded session', status: 'exit', tags: ['seeded'] });
	return { sessionId: session.session_id, seededCount: 230 };
}

async function main() {
	const started = Date.now();
	log(`building the package`);
	await run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 180_000 });
	const checks = new Checks(log);
	for (const line of lines) {
		try {
			await runLine(line, checks);
		} catch (error) {
			checks.fail(`${line}: the run stopped`, error);
		}
	}
	if (lines.includes('n8n-2') && !process.argv.includes('--no-demo') && only === undefined) {
		checks.section('npm start');
		await checks.check(
			'the demo: ports first, offline, the examples from the editor, every signal stops everything',
			async () => {
				const result = await run(process.execPath, [path.join(__dirname, 'demo-check.js')], {
					timeoutMs: 15 * 60_000,
				});
				log(`  ${result.stdout.trim()}`);
			},
		);
	}
	const { passed, failed } = checks.summary();
	log(`${passed} passed, ${failed} failed in ${Math.round((Date.now() - started) / 1000)} s`);
	process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
