'use strict';

/**
 * The in-process measures: the built node in n8n-core's real contexts against the emulator (a child
 * process), each beside what it is compared with. Request counts come from the emulator's log,
 * times from `process.hrtime`.
 */
const path = require('node:path');
const { fork } = require('node:child_process');
const { DIST, runNode, runPoll } = require('./harness');
const { median, timed } = require('./stats');

const HOUR = 3_600_000;

function credentialsOf(emulator, withOrganization = true) {
	const { info } = emulator;
	return {
		apiKey: info.keys.service,
		baseUrl: info.url,
		organizationId: withOrganization ? info.orgId : '',
		apiVersion: 'auto',
		allowImpersonation: false,
	};
}

/** What someone would write by hand: `fetch` over the same cursor pages, items collected. */
async function fetchAllSessions(emulator) {
	const { info } = emulator;
	const items = [];
	let after;
	let bytes = 0;
	for (;;) {
		const url = new URL(`${info.url}/v3/organizations/${info.orgId}/sessions`);
		url.searchParams.set('first', '200');
		if (after) url.searchParams.set('after', after);
		const response = await fetch(url, {
			headers: { Authorization: `Bearer ${info.keys.service}`, Accept: 'application/json' },
		});
		const text = await response.text();
		bytes += Buffer.byteLength(text);
		const body = JSON.parse(text);
		items.push(...body.items);
		if (!body.has_next_page) break;
		after = body.end_cursor;
	}
	return { items, bytes };
}

const getManyAll = { resource: 'session', operation: 'getMany', returnAll: true };

/** Get Many, Return All over `count` sessions against a bare fetch loop: paired, interleaved. */
async function measureGetMany(emulator, { count, pairs }) {
	await emulator.reset();
	await emulator.seed(count, { status: 'exit', tags: ['bench'] });
	const credentials = credentialsOf(emulator);
	await runNode(getManyAll, credentials);
	await fetchAllSessions(emulator);
	const ratios = [];
	const nodeTimes = [];
	const peerTimes = [];
	let requests = 0;
	let bytes = 0;
	for (let pair = 0; pair < pairs; pair++) {
		const order = pair % 2 === 0 ? ['node', 'peer'] : ['peer', 'node'];
		const times = {};
		for (const side of order) {
			if (side === 'node') {
				await emulator.clearRequests();
				const { ms, value } = await timed(() => runNode(getManyAll, credentials));
				if (value.length !== count) throw new Error(`Get Many returned ${value.length} items`);
				requests = (await emulator.requests()).length;
				times.node = ms;
			} else {
				const { ms, value } = await timed(() => fetchAllSessions(emulator));
				if (value.items.length !== count) throw new Error(`fetch got ${value.items.length}`);
				bytes = value.bytes;
				times.peer = ms;
			}
		}
		nodeTimes.push(times.node);
		peerTimes.push(times.peer);
		ratios.push(times.node / times.peer);
	}
	return {
		nodeMs: median(nodeTimes),
		peerMs: median(peerTimes),
		ratio: median(ratios),
		requests,
		bytes,
	};
}

/** Peak heap growth of the same Return All, in a fresh process, against the JSON it receives. */
async function measureHeap(emulator, { count }) {
	await emulator.reset();
	await emulator.seed(count, { status: 'exit', tags: ['bench'] });
	const { bytes } = await fetchAllSessions(emulator);
	const child = fork(path.join(__dirname, 'heapChild.js'), [], {
		execArgv: ['--expose-gc'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const result = await new Promise((resolve, reject) => {
		child.once('message', resolve);
		child.once('exit', (code) => reject(new Error(`the heap measure exited with ${code}`)));
		child.send({ parameters: getManyAll, credentials: credentialsOf(emulator) });
	});
	child.kill();
	if (result.error) throw new Error(result.error);
	return { ...result, bytes };
}

/**
 * Runs `fn` with the node's waits in virtual time: each sleep returns at once and moves this
 * process's clock and the emulator's by its length; `onSleep` then acts as Devin would.
 */
async function inVirtualTime(emulator, onSleep, fn) {
	const sleepModule = require(path.join(DIST, 'nodes', 'Devin', 'transport', 'sleep.js'));
	const realSleep = sleepModule.cancellableSleep;
	const realNow = Date.now;
	const start = realNow();
	let elapsed = 0;
	const sleeps = [];
	Date.now = () => start + elapsed;
	sleepModule.cancellableSleep = async (ms, signal) => {
		if (signal?.aborted) return 'cancelled';
		sleeps.push(ms);
		elapsed += ms;
		await emulator.advance(ms);
		await onSleep(elapsed);
		return 'done';
	};
	try {
		return { value: await fn(), elapsedMs: elapsed, sleeps };
	} finally {
		sleepModule.cancellableSleep = realSleep;
		Date.now = realNow;
	}
}

/** Wait for Completion with the default Poll Interval on a session that finishes after an hour. */
async function measureWait(emulator) {
	await emulator.reset();
	const [sessionId] = await emulator.seed(1, {
		status: 'running',
		status_detail: 'working',
		created_at: await emulator.now(),
	});
	let finished = false;
	const run = await inVirtualTime(
		emulator,
		async (elapsed) => {
			if (elapsed >= HOUR && !finished) {
				finished = true;
				await emulator.patch(sessionId, { status_detail: 'finished' });
			}
		},
		() =>
			runNode(
				{
					resource: 'session',
					operation: 'waitForCompletion',
					sessionId: { __rl: true, mode: 'id', value: sessionId },
				},
				credentialsOf(emulator),
			),
	);
	if (run.value[0].json.phase !== 'finished') throw new Error('the wait did not see the finish');
	const requests = (await emulator.requests()).filter((entry) =>
		entry.path.endsWith(`/sessions/${sessionId}`),
	).length;
	return { requests, seenAfterMs: run.elapsedMs - HOUR, longestGapMs: Math.max(...run.sleeps) };
}

/** How long a stopped execution takes to end a wait that sleeps 30 s between checks (real time). */
async function measureStop(emulator) {
	await emulator.reset();
	const [sessionId] = await emulator.seed(1, { status: 'running', status_detail: 'working' });
	const controller = new AbortController();
	const running = runNode(
		{
			resource: 'session',
			operation: 'waitForCompletion',
			sessionId: { __rl: true, mode: 'id', value: sessionId },
			pollIntervalSeconds: 30,
		},
		credentialsOf(emulator),
		controller.signal,
	).then(
		() => {
			throw new Error('the wait ended without being stopped');
		},
		(error) => error,
	);
	for (let tries = 0; (await emulator.requests()).length === 0; tries++) {
		if (tries > 200) throw new Error('the wait never checked the session');
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	await new Promise((resolve) => setTimeout(resolve, 300)); // now it sleeps between two checks
	const { ms, value: error } = await timed(async () => {
		controller.abort();
		return await running;
	});
	if (!/stopped/.test(error.message)) throw error;
	return { stopMs: ms };
}

/**
 * The Devin Trigger: requests per idle poll in an organization of 10,000 sessions, and per poll
 * after a burst of `burst` sessions finishing over two minutes; each finish must fire once.
 */
async function measureTrigger(emulator, { burst }) {
	await emulator.reset();
	let now = await emulator.now();
	const later = async (seconds) => {
		now = await emulator.advance(seconds * 1000);
	};
	const clock = {
		nowSeconds: () => Math.floor(now / 1000),
		nowMs: (() => {
			let ms = 0;
			return () => (ms += 1);
		})(),
	};
	const credentials = credentialsOf(emulator, false);
	const parameters = { events: ['sessionFinished'], filters: {} };
	const requestsOf = async (fn) => {
		await emulator.clearRequests();
		const value = await fn();
		return { value, requests: (await emulator.requests()).length };
	};

	await emulator.seed(10_000, {
		status: 'exit',
		created_at: now - 3 * 24 * HOUR,
		updated_at: now - 2 * 24 * HOUR,
	});
	const idleState = {};
	await runPoll(parameters, credentials, idleState, clock);
	const idle = [];
	for (let poll = 0; poll < 5; poll++) {
		await later(60);
		idle.push(
			(await requestsOf(() => runPoll(parameters, credentials, idleState, clock))).requests,
		);
	}

	await emulator.reset();
	now = await emulator.now();
	const state = {};
	await runPoll(parameters, credentials, state, clock);
	const ids = await emulator.seed(burst, {
		status: 'running',
		status_detail: 'working',
		created_at: now,
	});
	await later(60);
	await runPoll(parameters, credentials, state, clock);
	const fired = [];
	const half = Math.ceil(burst * (2 / 3));
	for (const part of [ids.slice(0, half), ids.slice(half)]) {
		await later(30);
		for (const id of part) await emulator.patch(id, { status_detail: 'finished' });
		await later(30);
		const result = await runPoll(parameters, credentials, state, clock);
		fired.push(...(result?.[0] ?? []).map((item) => item.json.sessionId));
	}
	const after = [];
	for (let poll = 0; poll < 15; poll++) {
		await later(60);
		const { value, requests } = await requestsOf(() =>
			runPoll(parameters, credentials, state, clock),
		);
		fired.push(...(value?.[0] ?? []).map((item) => item.json.sessionId));
		after.push(requests);
	}
	return {
		idle,
		after,
		fired: fired.length,
		distinct: new Set(fired).size,
		expected: burst,
	};
}

module.exports = {
	fetchAllSessions,
	measureGetMany,
	measureHeap,
	measureStop,
	measureTrigger,
	measureWait,
};
