'use strict';

/**
 * a2. Five pairs of requests, each pair with one idempotency key, sent at the same moment: however
 * the ten executions interleave on the workers, five sessions are left running, one per key. A
 * pair that raced (both created) ends with the loser's session terminated and both reporting the
 * winner.
 */
const assert = require('node:assert/strict');
const { startEmulator } = require('../../../emulator');
const { waitFor } = require('../../e2e/lib/proc');
const { credential, createFlow } = require('../lib/workflows');
const {
	ended,
	seconds,
	reports,
	sessionsOf,
	keyOf,
	requestKinds,
	countBy,
} = require('../lib/helpers');

const PAIRS = 5;
const WORKFLOW = 'QmRacePairs00001';

module.exports = {
	id: 'a2',
	title: `${PAIRS} pairs with one idempotency key each, at the same moment`,

	async setup(ctx) {
		this.emulator = await startEmulator({ timeScale: 1 });
		ctx.lifecycle.add('emulator a2', () => this.emulator.close());
		this.cred = credential('QmDevinA20000001', 'Devin (queue a2)', this.emulator);
		return {
			credentials: [this.cred],
			workflows: [
				createFlow({
					id: WORKFLOW,
					route: 'qm-a2',
					emulator: this.emulator,
					cred: this.cred,
					wait: false,
					idempotencyKey: true,
				}),
			],
		};
	},

	async run(ctx, { checks, figures }) {
		const { cluster } = ctx;
		const emulator = this.emulator;
		const keys = Array.from({ length: PAIRS }, (_, index) => `a2-${index + 1}`);
		const started = Date.now();
		// #stall: the sessions keep working, so "left running" is not blurred by sessions finishing.
		await Promise.all(
			[...keys, ...keys].map((key) =>
				cluster.webhook('qm-a2', {
					scenario: 'a2',
					key,
					title: `Queue test ${key}`,
					prompt: `Queue test ${key}: a long task #stall`,
				}),
			),
		);
		const executions = await waitFor(
			`${PAIRS * 2} executions of a2 to end`,
			async () => {
				const rows = await cluster.executions(WORKFLOW);
				return rows.length >= PAIRS * 2 && rows.every(ended) ? rows : null;
			},
			120_000,
			500,
		);
		figures.allEndedSeconds = seconds(Date.now() - started);
		await waitFor(
			`${PAIRS * 2} reports of a2`,
			() => reports(emulator).length >= PAIRS * 2,
			30_000,
		).catch(() => {});
		const sessions = sessionsOf(emulator);
		const running = sessions.filter((session) => session.status !== 'exit');
		const posts = reports(emulator);
		const workers = cluster.workersByExecution();
		const workerOf = (id) => (workers.get(String(id)) ?? ['?'])[0];
		const byKey = {};
		for (const post of posts) (byKey[post.key] ??= []).push(post);
		Object.assign(figures, {
			executions: executions.length,
			statuses: countBy(executions.map((execution) => execution.status)),
			perWorker: cluster.perWorker(executions.map((execution) => execution.id)),
			sessionsCreated: sessions.length,
			sessionsLeftRunning: running.length,
			sessionsTerminated: sessions.filter((session) => session.status === 'exit').length,
			isNewSession: countBy(posts.map((post) => String(post.isNewSession))),
			pairsSplitAcrossWorkers: Object.values(byKey).filter(
				(pair) =>
					pair.length === 2 && workerOf(pair[0].executionId) !== workerOf(pair[1].executionId),
			).length,
			requestKinds: requestKinds(emulator),
		});

		await checks.check(`${PAIRS * 2} executions, all "success" in Postgres`, () => {
			assert.equal(executions.length, PAIRS * 2);
			assert.deepEqual(figures.statuses, { success: PAIRS * 2 });
		});
		await checks.check(`exactly ${PAIRS} sessions left running, one per key`, () => {
			assert.equal(
				running.length,
				PAIRS,
				sessions.map((s) => `${keyOf(s)} ${s.status}`).join(', '),
			);
			assert.deepEqual(new Set(running.map(keyOf)), new Set(keys));
		});
		await checks.check('every other session was terminated', () => {
			for (const session of sessions)
				if (!running.includes(session))
					assert.equal(session.status, 'exit', `${keyOf(session)} ${session.status}`);
		});
		await checks.check('both requests of each pair report the running session of their key', () => {
			const runningByKey = new Map(running.map((session) => [keyOf(session), session.session_id]));
			for (const key of keys) {
				assert.equal(byKey[key]?.length, 2, `${key}: ${JSON.stringify(byKey[key])}`);
				for (const post of byKey[key])
					assert.equal(post.sessionId, runningByKey.get(key), JSON.stringify(post));
			}
		});
		await checks.check('one request per key reports isNewSession true, its twin false', () => {
			for (const key of keys)
				assert.deepEqual(
					byKey[key].map((post) => post.isNewSession).sort(),
					[false, true],
					`${key}: ${JSON.stringify(byKey[key])}`,
				);
		});
	},
};
