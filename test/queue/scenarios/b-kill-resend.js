'use strict';

/**
 * b. A worker is SIGKILLed (its whole process group) while it holds executions waiting on Devin
 * sessions inside the node, then the same five requests are sent again. n8n does not re-run the
 * killed executions (it fails them about two minutes later); the re-sent requests, carrying the same
 * idempotency keys, find the sessions already paid for and deliver their results: no new session.
 */
const assert = require('node:assert/strict');
const { startEmulator } = require('../../../emulator');
const { waitFor } = require('../../e2e/lib/proc');
const { credential, createFlow } = require('../lib/workflows');
const {
	sleep,
	ended,
	seconds,
	reports,
	sessionsOf,
	keyOf,
	requestKinds,
	countBy,
} = require('../lib/helpers');

const COUNT = 5;
const WORKFLOW = 'QmKillResend0001';

module.exports = {
	id: 'b',
	title: `worker killed while holding waits, then the same ${COUNT} requests re-sent`,

	async setup(ctx) {
		this.emulator = await startEmulator({ timeScale: 1 });
		ctx.lifecycle.add('emulator b', () => this.emulator.close());
		this.cred = credential('QmDevinB00000001', 'Devin (queue b)', this.emulator);
		return {
			credentials: [this.cred],
			workflows: [
				createFlow({
					id: WORKFLOW,
					route: 'qm-b',
					emulator: this.emulator,
					cred: this.cred,
					wait: true,
					idempotencyKey: true,
				}),
			],
		};
	},

	async run(ctx, { checks, figures, log }) {
		const { cluster, gates } = ctx;
		const emulator = this.emulator;
		// After the main's restart and the trigger's fire that follows it: the kill must hit only b.
		await gates.mainRestarted;
		await gates.triggerAfterRestart;
		const keys = Array.from({ length: COUNT }, (_, index) => `b-${index + 1}`);
		const send = (attempt) =>
			Promise.all(
				keys.map((key) =>
					cluster.webhook('qm-b', {
						scenario: 'b',
						key,
						attempt,
						title: `Queue test ${key}`,
						prompt: `Queue test ${key}: a long task #stall`,
					}),
				),
			);
		await send(1);
		// Holding waits: every session created and polled at least once by the node's wait loop.
		const originals = await waitFor(
			`${COUNT} executions of b waiting on their sessions`,
			async () => {
				const rows = await cluster.executions(WORKFLOW);
				const sessions = sessionsOf(emulator);
				const polled = new Set(
					emulator.requests
						.filter((entry) => entry.method === 'GET' && /\/sessions\/devin-/.test(entry.path))
						.map((entry) => entry.path.split('/').pop()),
				);
				const waiting = rows.length === COUNT && rows.every((row) => row.status === 'running');
				return waiting &&
					sessions.length === COUNT &&
					sessions.every((session) => polled.has(session.session_id))
					? rows
					: null;
			},
			60_000,
			500,
		);
		const sessionsBefore = sessionsOf(emulator).map((session) => ({
			id: session.session_id,
			key: keyOf(session),
		}));
		const workers = cluster.workersByExecution();
		const held = Object.fromEntries(
			cluster.workerNames.map((name) => [
				name,
				originals.filter((row) => workers.get(row.id)?.includes(name)).map((row) => row.id),
			]),
		);
		const victim = cluster.workerNames.reduce((best, name) =>
			held[name].length > held[best].length ? name : best,
		);
		await ctx.durableQuiet(); // d must be waiting in the database, not running on the victim
		const durableStatus = await ctx.durableStatus();
		const killedAt = Date.now();
		await cluster.workers[victim].kill();
		log(`SIGKILLed ${victim} (process group) holding ${held[victim].length} of ${COUNT} waits`);
		ctx.events.workerKill = { worker: victim, at: new Date(killedAt).toISOString(), durableStatus };
		const restart = cluster.workers[victim].start().then((readySeconds) => {
			figures.victimRestartedSeconds = readySeconds;
			log(`${victim} started again in ${readySeconds} s`);
		});
		const resendAt = Date.now();
		await send(2);
		const resent = await waitFor(
			`${COUNT} re-sent executions of b`,
			async () => {
				const rows = (await cluster.executions(WORKFLOW)).filter(
					(row) => !originals.some((original) => original.id === row.id),
				);
				return rows.length >= COUNT ? rows : null;
			},
			60_000,
			500,
		);
		await sleep(3000); // let them reach Devin (a finished session is returned at once either way)
		for (const session of sessionsOf(emulator))
			emulator.store.patch(session, { status: 'running', status_detail: 'finished' });
		const finishedAt = Date.now();
		await waitFor(
			`the re-sent requests' ${COUNT} reports`,
			() => reports(emulator, (post) => post.attempt === 2).length >= COUNT,
			90_000,
			500,
		).catch(() => {});
		figures.resultsDeliveredSeconds = seconds(Date.now() - finishedAt);
		figures.resendToDeliveredSeconds = seconds(Date.now() - resendAt);
		await restart;
		const resentRows = await waitFor(
			're-sent executions to end',
			async () => {
				const rows = await cluster.executions(WORKFLOW);
				const mine = rows.filter((row) => resent.some((entry) => entry.id === row.id));
				return mine.every(ended) ? mine : null;
			},
			60_000,
			500,
		).catch(() => resent);
		const posts = reports(emulator, (post) => post.attempt === 2);
		Object.assign(figures, {
			killedWorker: victim,
			originalsPerWorker: Object.fromEntries(
				Object.entries(held).map(([name, ids]) => [name, ids.length]),
			),
			resentPerWorker: cluster.perWorker(resent.map((row) => row.id)),
			resentStatuses: countBy(resentRows.map((row) => row.status)),
			sessionsBeforeKill: sessionsBefore.length,
			sessionsAfterResend: sessionsOf(emulator).length,
		});

		await checks.check(`the killed worker held some of the ${COUNT} waits`, () => {
			assert.ok(held[victim].length > 0, `per worker ${JSON.stringify(held)}`);
		});
		await checks.check('re-sending created 0 new sessions', () => {
			assert.equal(sessionsBefore.length, COUNT);
			assert.equal(sessionsOf(emulator).length, COUNT, 'sessions after the re-send');
		});
		await checks.check(`all ${COUNT} re-sent executions "success" in Postgres`, () => {
			assert.deepEqual(figures.resentStatuses, { success: COUNT });
		});
		await checks.check(
			`all ${COUNT} results delivered: each key's original session, finished, not new`,
			() => {
				const original = new Map(sessionsBefore.map((session) => [session.key, session.id]));
				assert.deepEqual(
					new Set(posts.map((post) => post.key)),
					new Set(keys),
					JSON.stringify(posts),
				);
				for (const post of posts) {
					assert.equal(post.sessionId, original.get(post.key), JSON.stringify(post));
					assert.equal(post.phase, 'finished', JSON.stringify(post));
					assert.equal(post.isNewSession, false, JSON.stringify(post));
				}
			},
		);

		// What n8n does with the killed executions: it fails them once the job lock expires (~2 min).
		const killedIds = held[victim];
		const failed = await waitFor(
			'n8n to fail the killed executions',
			async () => {
				const rows = (await cluster.executions(WORKFLOW)).filter((row) =>
					killedIds.includes(row.id),
				);
				return rows.every(ended) ? rows : null;
			},
			240_000,
			2000,
		).catch(() => null);
		figures.killedExecutions = failed
			? {
					statuses: countBy(failed.map((row) => row.status)),
					endedAfterKillSeconds: seconds(Date.now() - killedAt),
				}
			: { statuses: 'still running 240 s after the kill' };
		await checks.check('n8n did not re-run the killed executions: still no new session', () => {
			assert.equal(sessionsOf(emulator).length, COUNT);
		});
		figures.requestKinds = requestKinds(emulator);
	},
};
