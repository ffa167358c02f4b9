#!/usr/bin/env node
'use strict';

/**
 * Checks `npm start` as a newcomer uses it: runs the demo on spare ports, signs in to the editor in
 * Chromium, opens the bug-report example, clicks Execute workflow, waits for the pull request link
 * to reach the emulator's sink, then presses Ctrl-C and checks that n8n and the emulator are gone.
 */
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { freePort } = require('./lib/n8n');
const { launch, signIn } = require('./lib/browser');
const { waitFor } = require('./lib/proc');

const ROOT = path.resolve(__dirname, '..', '..');

const answers = (url) =>
	fetch(url)
		.then(() => true)
		.catch(() => false);

async function main() {
	const started = Date.now();
	const [n8nPort, emulatorPort] = [await freePort(), await freePort()];
	const demo = spawn(process.execPath, [path.join(__dirname, 'demo.js')], {
		cwd: ROOT,
		env: {
			...process.env,
			DEMO_N8N_PORT: String(n8nPort),
			DEMO_EMULATOR_PORT: String(emulatorPort),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	demo.stdout.on('data', (chunk) => (output += chunk));
	demo.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => demo.on('exit', (code) => resolve(code)));
	const n8nUrl = `http://127.0.0.1:${n8nPort}`;
	const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
	try {
		await waitFor(
			'the demo to print its instructions',
			() => output.includes('Ctrl-C stops'),
			15 * 60_000,
		);
		assert.match(output, new RegExp(`n8n editor\\s+${n8nUrl}`));
		const { OWNER } = require('./lib/n8n');
		assert.ok(
			output.includes(OWNER.email) && output.includes(OWNER.password),
			'the login is printed',
		);

		const browser = await launch();
		try {
			const page = await (
				await browser.newContext({ viewport: { width: 1440, height: 860 } })
			).newPage();
			await signIn(page, { url: n8nUrl });
			await page.goto(`${n8nUrl}/workflow/DevinExBugToPR01`, { waitUntil: 'domcontentloaded' });
			await page
				.locator('[data-test-id="canvas-node"]', { hasText: 'Devin: fix the bug' })
				.first()
				.waitFor({ timeout: 60_000 });
			await page.waitForTimeout(1000);
			await page.keyboard.press('Escape');
			await page.locator('[data-test-id="execute-workflow-button"]').first().click();
			const posts = await waitFor(
				'the pull request link at the sink',
				async () => {
					const { posts: list } = await (await fetch(`${emulatorUrl}/_emulator/sink`)).json();
					return list.length ? list : null;
				},
				120_000,
			);
			assert.match(JSON.stringify(posts[0].body), /github\.com\/.+\/pull\//);
		} finally {
			await browser.close();
		}
	} finally {
		demo.kill('SIGINT');
	}
	const code = await Promise.race([
		exited,
		new Promise((resolve) => setTimeout(() => resolve('still running'), 30_000)),
	]);
	assert.equal(code, 0, `the demo should stop on Ctrl-C:\n${output.slice(-2000)}`);
	assert.equal(await answers(`${n8nUrl}/healthz`), false, 'n8n is stopped');
	assert.equal(await answers(`${emulatorUrl}/_emulator/info`), false, 'the emulator is stopped');
	process.stdout.write(
		`npm start demo: ready, Execute workflow posted the PR link, Ctrl-C stopped everything (${Math.round((Date.now() - started) / 1000)} s)\n`,
	);
	process.exit(0); // idle keep-alive sockets would hold the process open
}

main().catch((error) => {
	process.stderr.write(`npm start demo check failed: ${error.stack || error}\n`);
	process.exit(1);
});
