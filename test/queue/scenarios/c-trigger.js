'use strict';

/**
 * c. The Devin Trigger (polled on the main, its executions run on workers) across a main restart:
 * five sessions are working when n8n starts; three finish before the restart, two while the main is
 * down. Each finished session fires exactly once: three at the next scheduled poll, two at the poll
 * the restarted main makes on activation, none at the scheduled poll after that.
 */
const assert = require('node:assert/strict');
const { startEmulator } = require('../../../emulator');
const { waitFor } = require('../../e2e/lib/proc');
const { credential, triggerFlow } = require('../lib/workflows');
const { sleep, seconds, reports, polls, countBy } = require('../lib/helpers');

const WORKFLOW = 'QmTrigger0000001';
const TAG = 'qm-trigger';
const finish = (emulator, session) =>
	emulator.store.patch(emulator.store.get(session.session_id), {
		status: 'running',
		status_detail: 'finished',
	});

module.exports = {
	id: 'c',
	title: 'Devin Trigger across a main restart',

	async setup(ctx) {
		// Real time, as Devin's timestamps and n8n's clock must agree for the trigger.
		this.emulator = await startEmulator({ timeScale: 1 });
		ctx.lifecycle.add('emulator c', () => this.emulator.close());
		this.cred = credential('QmDevinC00000001', 'Devin (queue c)', this.emulator);
		this.sessions = this.emulator.seedSessions(5, {
			status: 'running',
			status_detail: 'working',
			tags: [TAG],
			title: 'Queue test c',
		});
		return {
			credentials: [this.cred],
			workflows: [
				triggerFlow({ id: WORKFLOW, tag: TAG, emulator: this.emulator, cred: this.cred }),
			],
		};
	},

	async run(ctx, { checks, figures, log }) {
		const { cluster, gates } = ctx;
		const emulator = this.emulator;
		const ids = this.sessions.map((session) => session.session_id);
		const countIds = (posts) => countBy(posts.map((post) => post.sessionId));
		try {
			await waitFor("the trigger's activation poll", () => polls(emulator).length >= 1, 60_000);
			await sleep(3000); // its state is saved after the request
			const before = ids.slice(0, 3);
			for (const session of this.sessions.slice(0, 3)) finish(emulator, session);
			const finishedAt = Date.now();
			await waitFor('3 trigger reports', () => reports(emulator).length >= 3, 100_000, 500);
			figures.firstFireSeconds = seconds(Date.now() - finishedAt);
			await sleep(3000);
			const firstPosts = reports(emulator);
			await checks.check(
				'3 sessions finished before the restart: 3 reports, one per session',
				() => {
					assert.deepEqual(countIds(firstPosts), Object.fromEntries(before.map((id) => [id, 1])));
				},
			);
			let downSeq;
			ctx.whileMainDown.push(() => {
				downSeq = emulator.requests.at(-1)?.seq ?? 0;
				for (const session of this.sessions.slice(3)) finish(emulator, session);
			});
			gates.triggerBeforeRestart.resolve();
			await gates.mainRestarted;
			await waitFor(
				"the restarted main's activation poll",
				() => polls(emulator, downSeq).length >= 1,
				60_000,
			);
			await waitFor('5 trigger reports', () => reports(emulator).length >= 5, 60_000, 500).catch(
				() => {},
			);
			figures.afterRestartFireSeconds = seconds(
				Date.now() - Date.parse(ctx.events.mainRestart.readyAt),
			);
			gates.triggerAfterRestart.resolve();
			await checks.check(
				'2 sessions finished while the main was down: reported after its activation poll',
				() => {
					assert.deepEqual(
						countIds(reports(emulator)),
						Object.fromEntries(ids.map((id) => [id, 1])),
					);
				},
			);
			const activationSeq = polls(emulator, downSeq)[0].seq;
			log('waiting for the next scheduled poll (once a minute)');
			await waitFor(
				'the next scheduled poll',
				() => polls(emulator, activationSeq).length >= 1,
				75_000,
				500,
			);
			await sleep(5000);
			const executions = await cluster.executions(WORKFLOW);
			const [stored] = await ctx.postgres.query(
				`SELECT length("staticData"::text) AS bytes FROM workflow_entity WHERE id = '${WORKFLOW}'`,
			);
			Object.assign(figures, {
				polls: polls(emulator).length,
				reports: reports(emulator).length,
				executions: executions.length,
				statuses: countBy(executions.map((execution) => execution.status)),
				modes: countBy(executions.map((execution) => execution.mode)),
				perWorker: cluster.perWorker(executions.map((execution) => execution.id)),
				staticDataBytes: stored?.bytes,
			});
			await checks.check(
				'after the next scheduled poll: still each finished session exactly once',
				() => {
					assert.deepEqual(
						countIds(reports(emulator)),
						Object.fromEntries(ids.map((id) => [id, 1])),
					);
				},
			);
			await checks.check('its executions all "success" in Postgres', () => {
				assert.ok(executions.length >= 2, `${executions.length} executions`);
				assert.deepEqual(figures.statuses, { success: executions.length });
			});
		} finally {
			gates.triggerBeforeRestart.resolve();
			gates.triggerAfterRestart.resolve();
		}
	},
};
