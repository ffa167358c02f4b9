'use strict';

/**
 * The Devin Trigger in a running n8n: published workflows, `n8n start` as the poller. Every start
 * runs one poll per active trigger at once (n8n's activation poll), which makes the cycle
 * deterministic: start 1 records the baseline, start 2 fires once, start 3 fires nothing.
 * Between starts the tests move sessions on in the emulator, as Devin would.
 */
const assert = require('node:assert/strict');
const path = require('node:path');
const { itemsOf, lastSeq, requestsSince, describeLog } = require('../lib/inspect');
const { captureScreenshots } = require('../lib/browser');
const { waitFor } = require('../lib/proc');
const { WRONG_KEY } = require('../lib/fixtures');
const { freePort } = require('../lib/n8n');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const sessionLists = (entries) =>
	entries.filter((entry) => entry.method === 'GET' && /\/sessions$/.test(entry.path));

/** Starts n8n and waits until each active trigger has polled and its state is saved. */
async function startAndPoll(n8n, emulator, triggers, log) {
	const seq = lastSeq(emulator);
	const started = Date.now();
	await n8n.start();
	log(`  n8n ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	await waitFor(
		`${triggers} activation polls`,
		() => sessionLists(requestsSince(emulator, seq)).length >= triggers,
	);
	await sleep(2500); // the poll's result and static data are saved after the request
	return seq;
}

function parseExecution(host, execution) {
	const flatted = require(path.join(host.dir, 'node_modules', 'flatted'));
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	return { json: { data } };
}

/** Runs a workflow from its trigger as the editor's "Fetch Test Event" does (manual mode). */
async function manualTriggerRun(n8n, host, workflow, triggerName, destinationName) {
	const { data: stored } = await n8n.rest('GET', `/workflows/${workflow.id}`);
	const body = {
		workflowData: stored,
		triggerToStartFrom: { name: triggerName },
		destinationNode: { nodeName: destinationName, mode: 'inclusive' },
		startNodes: [],
	};
	let started;
	try {
		started = await n8n.rest('POST', `/workflows/${workflow.id}/run`, body);
	} catch (error) {
		if (!/404/.test(error.message)) throw error;
		started = await n8n.rest('POST', '/workflows/run', body); // n8n 1.x
	}
	const executionId = started.data.executionId;
	assert.ok(executionId, `no execution started: ${JSON.stringify(started)}`);
	const execution = await waitFor('the manual execution to finish', async () => {
		const { data } = await n8n.rest('GET', `/executions/${executionId}`);
		if (!data || !['success', 'error', 'crashed', 'canceled'].includes(data.status)) return null;
		const parsed = parseExecution(host, data);
		// n8n may mark the run done a moment before its data is stored.
		return parsed.json.data?.resultData?.runData?.[triggerName] ? parsed : null;
	});
	return execution;
}

async function triggerChecks(context) {
	const { n8n, realtime, workflows, credentials, checks, log, host, screenshots } = context;
	const finishedFlow = workflows.byName['trigger-finished'];
	const inputFlow = workflows.byName['needs-input-notify-and-reply'];
	const now = realtime.clock.now();
	const [old] = realtime.seedSessions(1, {
		title: 'Finished yesterday',
		status: 'exit',
		tags: ['e2e-finish'],
		created_at: now - 26 * 3_600_000,
		updated_at: now - 25 * 3_600_000,
	});
	realtime.seedSessions(1, {
		title: 'Finished an hour ago',
		status: 'exit',
		tags: ['e2e-finish'],
		created_at: now - 2 * 3_600_000,
		updated_at: now - 3_600_000,
	});
	const [inFlight] = realtime.seedSessions(1, {
		title: 'Working when the workflow was published',
		status: 'running',
		status_detail: 'working',
		tags: ['e2e-finish'],
		created_at: now - 20 * 60_000,
	});
	await n8n.activate(finishedFlow.id);
	await n8n.activate(inputFlow.id);

	// Start 1: the activation poll only records a baseline.
	await startAndPoll(n8n, realtime, 2, log);
	await checks.check('first activation emits nothing (baseline, no flood of history)', () => {
		assert.deepEqual(realtime.data.sink, []);
	});

	await n8n.login();
	await checks.check(
		'n8n registers Devin, Devin Trigger and the Devin tool for AI agents',
		async () => {
			const response = await fetch(`${n8n.url}/types/nodes.json`, { headers: n8n.authHeaders() });
			const body = await response.json();
			const list = Array.isArray(body)
				? body
				: Array.isArray(body.data)
					? body.data
					: Object.values(body);
			const types = list.map((type) => type.name);
			for (const name of ['CUSTOM.devin', 'CUSTOM.devinTrigger', 'CUSTOM.devinTool'])
				assert.ok(types.includes(name), `${name} is not among n8n's ${types.length} node types`);
		},
	);

	await checks.check(
		'the credential test accepts the emulator key, explains a revoked one and refuses a web page or a 404',
		async () => {
			const stored = credentials.find((entry) => entry.id === 'DevinRealtime0001');
			const test = async (data) =>
				(
					await n8n.rest('POST', '/credentials/test', {
						credentials: { ...stored, data: { ...stored.data, ...data } },
					})
				).data;
			const good = await test({});
			assert.equal(good.status, 'OK', JSON.stringify(good));
			const bad = await test({ apiKey: WRONG_KEY });
			assert.equal(bad.status, 'Error', JSON.stringify(bad));
			// n8n 2.x shows the credential's own rule for 401; 1.x shows its generic authorization message.
			assert.match(
				bad.message,
				host.line === 'n8n-1'
					? /rejected the API key \(401\)|Authorization failed/
					: /rejected the API key \(401\)/,
			);
			assert.ok(!JSON.stringify(bad).includes(WRONG_KEY), 'the key is not echoed');
			log(`  revoked key: "${bad.message}"`);
			// A Base URL that answers but is not Devin: the n8n editor itself (a web page on every path).
			const notDevin =
				/^The Base URL answers, but it is not a Devin API \((it sent a web page or text, not JSON|404 Not Found)\)\. Check the Base URL: it should be https:\/\/api\.devin\.ai/;
			const page = await test({ baseUrl: n8n.url });
			assert.equal(page.status, 'Error', JSON.stringify(page));
			assert.match(page.message, notDevin);
			assert.match(page.message, /web page/);
			// n8n 1.x applies no status rule (as for 401 above): it shows its own text for a 404.
			const missing = await test({ baseUrl: `${realtime.url}/not-devin` });
			assert.equal(missing.status, 'Error', JSON.stringify(missing));
			assert.match(
				missing.message,
				host.line === 'n8n-1' ? /could not be found/ : /not a Devin API \(404 Not Found\)/,
			);
			// Nothing answers: n8n's tester shows the network code whatever the credential says.
			const unreachable = await test({ baseUrl: `http://127.0.0.1:${await freePort()}` });
			assert.equal(unreachable.status, 'Error', JSON.stringify(unreachable));
			assert.match(unreachable.message, /ECONNREFUSED|refused/);
			log(`  web page: "${page.message}"`);
			log(`  404: "${missing.message}"; nothing listening: "${unreachable.message}"`);
		},
	);

	await checks.check(
		'manual mode ("Fetch Test Event") returns a sample and stores nothing',
		async () => {
			const seq = lastSeq(realtime);
			const result = await manualTriggerRun(
				n8n,
				host,
				finishedFlow,
				'Devin Trigger',
				'Devin Trigger',
			);
			const items = itemsOf(result, 'Devin Trigger');
			assert.ok(items.length >= 1, 'a sample session');
			assert.equal(items[0].json.phase, 'finished');
			assert.match(items[0].json.title, /Finished/);
			assert.ok(requestsSince(realtime, seq).length >= 1);
			assert.deepEqual(realtime.data.sink, [], 'the sample does not run the rest of the workflow');
		},
	);

	if (screenshots)
		await checks.check(
			'the editor shows the Devin node panel and an example workflow (screenshots)',
			async () => {
				const files = await captureScreenshots(n8n, workflows, log);
				log(`  saved ${files.join(', ')}`);
			},
		);
	await n8n.stop();

	// While n8n is down, Devin moves on: the in-flight session finishes, a new one asks for input.
	realtime.store.patch(realtime.store.get(inFlight.session_id), {
		status: 'exit',
		status_detail: null,
	});
	const [asking] = realtime.seedSessions(1, {
		title: 'Which branch?',
		status: 'running',
		status_detail: 'working',
	});
	realtime.store.patch(realtime.store.get(asking.session_id), {
		status: 'running',
		status_detail: 'waiting_for_user',
		messages: [{ source: 'devin', message: 'Which branch should I base the change on?' }],
	});

	// Start 2: one event each.
	const second = await startAndPoll(n8n, realtime, 2, log);
	await waitFor('the events to reach the sink and the reply to reach Devin', () => {
		const replies = requestsSince(realtime, second).filter(
			(entry) =>
				entry.method === 'POST' && entry.path.endsWith(`/sessions/${asking.session_id}/messages`),
		);
		return realtime.data.sink.length >= 2 && replies.length >= 1;
	}).catch((error) => {
		log(
			`  sink: ${JSON.stringify(realtime.data.sink)}\n${describeLog(requestsSince(realtime, second))}`,
		);
		throw error;
	});
	await sleep(1500);
	await n8n.stop();
	await checks.check(
		'a session that finished while n8n was down fires sessionFinished once',
		() => {
			const events = realtime.data.sink.filter((post) => post.body?.from === 'e2e trigger');
			assert.equal(events.length, 1, JSON.stringify(realtime.data.sink));
			assert.deepEqual(events[0].body, {
				from: 'e2e trigger',
				event: 'sessionFinished',
				sessionId: inFlight.session_id,
				phase: 'finished',
				previousPhase: 'working',
			});
			assert.ok(
				!JSON.stringify(realtime.data.sink).includes(old.session_id),
				'history never fires',
			);
		},
	);
	await checks.check('example "When a Devin session needs input, notify and reply"', () => {
		const notices = realtime.data.sink.filter((post) => /needs input/.test(post.body?.text ?? ''));
		assert.equal(notices.length, 1, JSON.stringify(realtime.data.sink));
		assert.match(notices[0].body.text, /Which branch should I base the change on\?/);
		const session = realtime.store.get(asking.session_id);
		assert.ok(
			session.messages.some(
				(message) => message.source === 'user' && /main branch/.test(message.message),
			),
		);
	});

	// Start 3: nothing new happened, so nothing fires, and each poll is one request.
	const before = realtime.data.sink.length;
	const third = await startAndPoll(n8n, realtime, 2, log);
	await sleep(1500);
	await n8n.stop();
	await checks.check('the next poll fires nothing again, with one request per trigger', () => {
		assert.equal(
			realtime.data.sink.length,
			before,
			JSON.stringify(realtime.data.sink.slice(before)),
		);
		const lists = sessionLists(requestsSince(realtime, third));
		assert.equal(lists.length, 2, lists.map((entry) => JSON.stringify(entry.query)).join('\n'));
		assert.ok(
			lists.every((entry) => entry.query.updated_after?.length === 1),
			'polls ask only for what changed',
		);
	});
}

module.exports = { triggerChecks };
