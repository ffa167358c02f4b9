'use strict';

/**
 * a. 20 executions at once, each creating a session and waiting for it inside the node: all 20
 * succeed, both workers take their share, and Devin sees exactly 20 sessions (nothing is lost or
 * created twice when 20 jobs are spread over 2 × 5 worker slots).
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
	durations,
	countBy,
} = require('../lib/helpers');

const COUNT = 20;
const WORKFLOW = 'QmCreateWait0001';

module.exports = {
	id: 'a',
	title: `${COUNT} create+wait executions at once`,

	async setup(ctx) {
		// x24: a session finishes 5 s after it starts.
		this.emulator = await startEmulator({ timeScale: 24 });
		ctx.lifecycle.add('emulator a', () => this.emulator.close());
		this.cred = credential('QmDevinA00000001', 'Devin (queue a)', this.emulator);
		return {
			credentials: [this.cred],
			workflows: [
				createFlow({
					id: WORKFLOW,
					route: 'qm-a',
					emulator: this.emulator,
					cred: this.cred,
					wait: true,
				}),
			],
		};
	},

	async run(ctx, { checks, figures }) {
		const { cluster } = ctx;
		const emulator = this.emulator;
		await ctx.gates.a2Done; // a2's pairs must race, not queue behind these waits
		const started = Date.now();
		const keys = Array.from({ length: COUNT }, (_, index) => `a-${index + 1}`);
		await Promise.all(
			keys.map((key) =>
				cluster.webhook('qm-a', {
					scenario: 'a',
					key,
					title: `Queue test ${key}`,
					prompt: `Queue test ${key}: fix the flaky test`,
				}),
			),
		);
		figures.webhooksAnsweredSeconds = seconds(Date.now() - started);
		const executions = await waitFor(
			`${COUNT} executions of a to end`,
			async () => {
				const rows = await cluster.executions(WORKFLOW);
				return rows.length >= COUNT && rows.every(ended) ? rows : null;
			},
			180_000,
			500,
		);
		figures.allEndedSeconds = seconds(Date.now() - started);
		await waitFor(`${COUNT} reports of a`, () => reports(emulator).length >= COUNT, 30_000).catch(
			() => {},
		);
		const sessions = sessionsOf(emulator);
		const posts = reports(emulator);
		const perWorker = cluster.perWorker(executions.map((execution) => execution.id));
		Object.assign(figures, {
			executions: executions.length,
			statuses: countBy(executions.map((execution) => execution.status)),
			perWorker,
			sessions: sessions.length,
			executionSeconds: durations(executions),
			requests: emulator.requests.length,
			requestsPerSession:
				Math.round((emulator.requests.length / Math.max(1, sessions.length)) * 100) / 100,
			requestKinds: requestKinds(emulator),
		});

		await checks.check(`${COUNT} executions, all "success" in Postgres`, () => {
			assert.equal(executions.length, COUNT);
			assert.deepEqual(figures.statuses, { success: COUNT });
		});
		await checks.check('both workers ran some of them', () => {
			assert.equal(
				perWorker.w1 + perWorker.w2,
				COUNT,
				`worker logs name ${JSON.stringify(perWorker)}`,
			);
			assert.ok(perWorker.w1 > 0 && perWorker.w2 > 0, JSON.stringify(perWorker));
		});
		await checks.check(`exactly ${COUNT} sessions in the emulator, one per request`, () => {
			assert.equal(sessions.length, COUNT);
			assert.deepEqual(new Set(sessions.map(keyOf)), new Set(keys));
		});
		await checks.check(`${COUNT} results delivered: each its own session, finished, new`, () => {
			assert.equal(posts.length, COUNT);
			assert.deepEqual(new Set(posts.map((post) => post.key)), new Set(keys));
			assert.equal(new Set(posts.map((post) => post.sessionId)).size, COUNT);
			const byId = new Map(sessions.map((session) => [session.session_id, session]));
			for (const post of posts) {
				assert.equal(post.phase, 'finished', JSON.stringify(post));
				assert.equal(post.isNewSession, true, JSON.stringify(post));
				assert.equal(
					keyOf(byId.get(post.sessionId) ?? {}),
					post.key,
					`${post.key} reported another request's session`,
				);
			}
		});
	},
};
