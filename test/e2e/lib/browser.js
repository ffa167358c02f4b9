'use strict';

/**
 * Screenshots of the running n8n editor in Debian's Chromium (driven by playwright-core, which
 * never downloads a browser). They double as a check: the Devin node must open in the editor and
 * show its parameters, or the e2e run fails.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./hosts');
const { OWNER } = require('./n8n');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const DOCS = path.join(ROOT, 'docs');

async function launch() {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(
			`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
		);
	const { chromium } = require('playwright-core');
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

async function dismissOverlays(page) {
	for (let index = 0; index < 3; index++) {
		await page.keyboard.press('Escape').catch(() => {});
		await page.waitForTimeout(200);
	}
}

async function signIn(page, n8n) {
	await page.goto(`${n8n.url}/signin`, { waitUntil: 'domcontentloaded' });
	await page
		.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
		.first()
		.fill(OWNER.email);
	await page.locator('input[type="password"]').first().fill(OWNER.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

async function captureScreenshots(n8n, workflows, log = () => {}) {
	fs.mkdirSync(DOCS, { recursive: true });
	const browser = await launch();
	const saved = [];
	try {
		const context = await browser.newContext({
			viewport: { width: 1440, height: 860 },
			deviceScaleFactor: 1,
		});
		const page = await context.newPage();
		await signIn(page, n8n);

		const workflow = workflows.byName['bug-report-to-pull-request'];
		await page.goto(`${n8n.url}/workflow/${workflow.id}`, { waitUntil: 'domcontentloaded' });
		const devinNode = page
			.locator('[data-test-id="canvas-node"]', { hasText: 'Devin: fix the bug' })
			.first();
		await devinNode.waitFor({ state: 'visible', timeout: 60_000 });
		await page.waitForTimeout(1500);
		await dismissOverlays(page);
		const canvasFile = path.join(DOCS, 'example-bug-report-to-pull-request.png');
		await page.screenshot({ path: canvasFile });
		saved.push(path.relative(ROOT, canvasFile));

		await devinNode.dblclick();
		const panel = page.locator('[data-test-id="ndv"]').first();
		await panel.waitFor({ state: 'visible', timeout: 30_000 });
		const parameters = page.locator('[data-test-id="node-parameters"]').first();
		await parameters.waitFor({ state: 'visible', timeout: 30_000 });
		for (const label of ['Resource', 'Operation', 'Prompt', 'Wait for Completion']) {
			await parameters
				.getByText(label, { exact: true })
				.first()
				.waitFor({ state: 'visible', timeout: 15_000 });
		}
		await page.waitForTimeout(800);
		const panelFile = path.join(DOCS, 'devin-node-panel.png');
		await page.screenshot({ path: panelFile });
		saved.push(path.relative(ROOT, panelFile));
		log(`  the Devin node panel shows Resource, Operation, Prompt and Wait for Completion`);
	} catch (error) {
		const pages = browser.contexts().flatMap((context) => context.pages());
		const file = path.join(require('node:os').tmpdir(), 'devin-e2e-editor-failure.png');
		if (pages[0]) await pages[0].screenshot({ path: file }).catch(() => {});
		error.message += `\n(the editor as it was: ${file})`;
		throw error;
	} finally {
		await browser.close();
	}
	return saved;
}

module.exports = { captureScreenshots, launch, signIn };
