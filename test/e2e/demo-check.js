#!/usr/bin/env node
'use strict';

/**
 * Checks `npm start` as a newcomer and a supervisor use it, on spare ports:
 *   1. a taken port is refused at once, before the build, naming the variable that moves it;
 *   2. the demo comes up with only its own lines in the terminal; in Chromium, Execute workflow in
 *      the bug-report example posts the pull request link, its Devin node shows whole numbers as
 *      such, the needs-input example posts Devin's question and replies to it, and the trigger's
 *      subtitle names its event;
 *   3. a network recorder preloaded into every Node process the demo starts (lib/netlog.js) saw
 *      no host name looked up and no connection off this machine;
 *   4. kill -TERM of the npm process, kill -INT of the npm process of a second run on the same
 *      ports, and kill -KILL of demo.js in a third each leave no process running and the ports free.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { freePort, OWNER } = require('./lib/n8n');
const { ensureHost } = require('./lib/hosts');
const { launch, signIn } = require('./lib/browser');
const { waitFor } = require('./lib/proc');

const ROOT = path.resolve(__dirname, '..', '..');
const NETLOG = path.join(__dirname, 'lib', 'netlog.js');
const READY = 'Ctrl-C stops';
const started = Date.now();
const say = (message) => process.stdout.write(`${message}\n`);

/** The demos still running, stopped if this check is interrupted. */
const demos = new Set();
for (const signal of ['SIGINT', 'SIGTERM'])
	process.on(signal, () => {
		for (const child of demos) child.kill('SIGTERM');
		process.exit(1);
	});

/** Starts the demo as `npm start` (or as `node demo.js`), with the network recorder preloaded. */
function startDemo(ports, { viaNpm = true, netlog } = {}) {
	const command = viaNpm ? 'npm' : process.execPath;
	const args = viaNpm ? ['start'] : [path.join(__dirname, 'demo.js')];
	const child = spawn(command, args, {
		cwd: ROOT,
		env: {
			...process.env,
			DEMO_N8N_PORT: String(ports.n8n),
			DEMO_EMULATOR_PORT: String(ports.emulator),
			...(netlog ? { NODE_OPTIONS: `--require ${NETLOG}`, DEVIN_NETLOG: netlog } : {}),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const demo = { child, output: '', netlog };
	demos.add(child);
	child.on('exit', () => demos.delete(child));
	child.stdout.on('data', (chunk) => (demo.output += chunk));
	child.stderr.on('data', (chunk) => (demo.output += chunk));
	demo.exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	return demo;
}

async function ready(demo) {
	await waitFor(
		'the demo to print its instructions',
		() => {
			if (demo.child.exitCode !== null) throw new Error(`the demo exited:\n${demo.output}`);
			return demo.output.includes(READY);
		},
		15 * 60_000,
	);
}

function events(demo) {
	return fs
		.readFileSync(demo.netlog, 'utf8')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line));
}

const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
};

const answers = (port) =>
	new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});

/** After `kill`, every Node process the run started is gone and neither port answers. */
async function assertStopsEverything(demo, ports, kill, how) {
	const pids = [...new Set(events(demo).map((entry) => entry.pid))];
	kill();
	await waitFor(
		`every process of the demo to end after ${how}`,
		() => pids.every((pid) => !alive(pid)),
		90_000,
	).catch((error) => {
		throw new Error(
			`${error.message}; still running: ${pids.filter(alive).join(', ')}\n${demo.output.slice(-1500)}`,
		);
	});
	assert.equal(await answers(ports.n8n), false, `port ${ports.n8n} is free after ${how}`);
	assert.equal(await answers(ports.emulator), false, `port ${ports.emulator} is free after ${how}`);
	return pids.length;
}

/** 1. A taken port is named, with its variable, before anything is built. */
async function checkTakenPorts() {
	for (const which of ['n8n', 'emulator']) {
		const ports = { n8n: await freePort(), emulator: await freePort() };
		const holder = net.createServer().listen(ports[which], '127.0.0.1');
		await new Promise((resolve) => holder.once('listening', resolve));
		const demo = startDemo(ports, { viaNpm: false });
		const { code } = await Promise.race([
			demo.exited,
			new Promise((resolve) => setTimeout(() => resolve({ code: 'still running' }), 30_000)),
		]);
		holder.close();
		if (code === 'still running') demo.child.kill('SIGTERM');
		const variable = which === 'n8n' ? 'DEMO_N8N_PORT' : 'DEMO_EMULATOR_PORT';
		assert.equal(code, 1, `a taken ${which} port ends the demo: ${demo.output}`);
		assert.match(demo.output, new RegExp(`Port ${ports[which]} .*already in use.*${variable}=`));
		assert.ok(
			!demo.output.includes('Building'),
			`the port is checked before the build: ${demo.output}`,
		);
	}
}

/** 2. What a newcomer does in the editor. */
async function checkEditor(ports) {
	const n8nUrl = `http://127.0.0.1:${ports.n8n}`;
	const emulatorUrl = `http://127.0.0.1:${ports.emulator}`;
	const sink = async () => (await (await fetch(`${emulatorUrl}/_emulator/sink`)).json()).posts;
	const browser = await launch();
	try {
		const page = await (
			await browser.newContext({ viewport: { width: 1440, height: 860 } })
		).newPage();
		// The editor is a large app: on a busy 2-core machine its first load takes most of a minute.
		page.setDefaultTimeout(120_000);
		page.setDefaultNavigationTimeout(180_000);
		await signIn(page, { url: n8nUrl });
		const execute = async (workflowId, nodeName, posts) => {
			await page.goto(`${n8nUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
			const node = page.locator('[data-test-id="canvas-node"]', { hasText: nodeName }).first();
			await node.waitFor({ timeout: 60_000 });
			await page.waitForTimeout(1000);
			await page.keyboard.press('Escape');
			await page.locator('[data-test-id="execute-workflow-button"]').first().click();
			await waitFor(
				`a post at the sink from "${nodeName}"`,
				async () => (await sink()).length >= posts,
				120_000,
			);
			return node;
		};
		const devin = await execute('DevinExBugToPR01', 'Devin: fix the bug', 1);
		assert.match(JSON.stringify((await sink())[0].body), /github\.com\/.+\/pull\//);
		// Whole-number fields show as whole numbers (numberPrecision 2 showed "60.00").
		await devin.dblclick();
		const field = (name) => page.locator(`[data-test-id="parameter-input-${name}"] input`).first();
		await field('timeoutMinutes').waitFor();
		assert.equal(await field('timeoutMinutes').inputValue(), '60');
		assert.equal(await field('pollIntervalSeconds').inputValue(), '5');
		await page.keyboard.press('Escape');

		const trigger = await execute('DevinExNeedsIn01', 'Devin needs input', 2);
		assert.match(
			await trigger.innerText(),
			/Session Needs Input/,
			"the trigger's subtitle names its event",
		);
		const notice = (await sink())[1].body.text;
		assert.match(
			notice,
			/Add rate limiting to the public API.*Which branch should I base the change on\?/s,
		);
		const info = await (await fetch(`${emulatorUrl}/_emulator/info`)).json();
		const headers = { authorization: `Bearer ${info.keys.service}` };
		const { items } = await waitFor('the reply to reach Devin', async () => {
			const list = await (
				await fetch(`${emulatorUrl}/v3/organizations/${info.orgId}/sessions?first=10`, { headers })
			).json();
			const asking = list.items.find(
				(session) => session.title === 'Add rate limiting to the public API',
			);
			const messages = await (
				await fetch(
					`${emulatorUrl}/v3/organizations/${info.orgId}/sessions/${asking.session_id}/messages`,
					{
						headers,
					},
				)
			).json();
			return messages.items.some(
				(message) => message.source === 'user' && /main branch/.test(message.message),
			)
				? messages
				: null;
		});
		const question = items.findIndex((message) => /Which branch/.test(message.message));
		const reply = items.findIndex((message) => /main branch/.test(message.message));
		assert.ok(question >= 0 && reply > question, 'Devin asked, then the reply example answered');
	} finally {
		await browser.close();
	}
}

/** What the terminal shows: the demo's lines, nothing from n8n's log, no stack trace, no lookup. */
function checkTerminal(output) {
	assert.ok(
		output.includes(`Sign in        ${OWNER.email}  /  ${OWNER.password}`),
		'the login is printed',
	);
	assert.match(output, /n8n log {8}\.e2e\/demo\/n8n\.log/);
	for (const noise of [
		/migration/i,
		/Task Broker/,
		/deprecat/i,
		/ENOTFOUND|EAI_AGAIN/,
		/^\s+at .+:\d+:\d+\)?$/m,
		/^n8n error:/m,
		/python/i,
	])
		assert.doesNotMatch(output, noise, `the terminal shows only the demo's own lines:\n${output}`);
}

/** 3. Nothing the demo started looked up a host name or connected off this machine. */
function checkOffline(demo) {
	const log = events(demo);
	const outbound = log.filter((entry) => !['start', 'spawn'].includes(entry.event));
	assert.deepEqual(outbound, [], 'no lookup and no connection off this machine');
	const programs = log
		.filter((entry) => entry.event === 'start')
		.map((entry) => entry.argv.join(' '));
	for (const watched of ['demo.js', 'n8n start', 'tether.js', 'start.js'])
		assert.ok(
			programs.some((program) => program.includes(watched)),
			`the recorder watched ${watched}: ${programs.join('; ')}`,
		);
	const others = log.filter((entry) => entry.event === 'spawn').map((entry) => entry.program);
	return { processes: programs.length, others: [...new Set(others)] };
}

async function main() {
	// n8n is installed first, so that the runs below are the demo and nothing else.
	await ensureHost('n8n-2');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'devin-demo-check-'));
	const ports = { n8n: await freePort(), emulator: await freePort() };
	const report = [];
	try {
		await checkTakenPorts();
		report.push('a taken port is refused before the build');

		const first = startDemo(ports, { netlog: path.join(work, 'first.jsonl') });
		try {
			await ready(first);
			await checkEditor(ports);
			checkTerminal(first.output);
		} catch (error) {
			first.child.kill('SIGTERM');
			throw error;
		}
		const { processes, others } = checkOffline(first);
		report.push(
			`ready; Execute workflow posted the PR link and answered Devin's question; no lookup or outside connection from ${processes} Node processes (also ran: ${others.join(', ')})`,
		);
		const stopped = await assertStopsEverything(
			first,
			ports,
			() => first.child.kill('SIGTERM'),
			'kill -TERM npm',
		);
		assert.match(first.output, /stopping n8n and the emulator/i);
		report.push(`kill -TERM of npm stopped all ${stopped} processes`);

		const second = startDemo(ports, { netlog: path.join(work, 'second.jsonl') });
		await ready(second);
		await assertStopsEverything(second, ports, () => second.child.kill('SIGINT'), 'kill -INT npm');
		report.push('a second run found the ports free; kill -INT of npm stopped it');

		const third = startDemo(ports, { netlog: path.join(work, 'third.jsonl') });
		await ready(third);
		const demoPid = events(third).find((entry) => entry.argv?.includes('demo.js'))?.pid;
		assert.ok(demoPid, 'demo.js ran');
		await assertStopsEverything(
			third,
			ports,
			() => process.kill(demoPid, 'SIGKILL'),
			'kill -KILL demo.js',
		);
		third.child.kill('SIGTERM');
		report.push('kill -KILL of demo.js stopped n8n too (its tether)');
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	say(`npm start demo (${Math.round((Date.now() - started) / 1000)} s): ${report.join('; ')}`);
	process.exit(0); // idle keep-alive sockets would hold the process open
}

main().catch((error) => {
	process.stderr.write(`npm start demo check failed: ${error.stack || error}\n`);
	for (const child of demos) child.kill('SIGTERM');
	process.exit(1);
});
