'use strict';

/**
 * d. A durable wait on a session that runs "two hours" (the emulator's clock at x40: 180 s): Create →
 * Wait (66 s, so n8n saves the execution as waiting) → Check Status, looping on Still Working. A
 * worker is killed and the main restarted while it waits; the result still arrives exactly once,
 * and while it waits the execution is `waiting` in Postgres with no Bull job active for it.
 */
const assert = require('node:assert/strict');
const { startEmulator } = require('../../../emulator');
const { waitFor } = require('../../e2e/lib/proc');
const { credential, durableFlow } = require('../lib/workflows');
const {
	sleep,
	ended,
	seconds,
	reports,
	sessionsOf,
	requestKinds,
	countBy,
} = require('../lib/helpers');

const WORKFLOW = 'QmDurableWait001';
const TIME_SCALE = 40;
const SESSION_MS = 2 * 3_600_000;
const WAIT_SECONDS = 66;

/** The samples as stretches: status, whether its job was active, seconds from the start. */
function timeline(samples, started) {
	const stretches = [];
	for (const sample of samples) {
		const last = stretches.at(-1);
		const at = Math.round((sample.at - started) / 1000);
		if (last && last.status === sample.status && last.jobActive === sample.held) last.to = at;
		else stretches.push({ status: sample.status, jobActive: sample.held, from: at, to: at });
	}
	return stretches;
}

module.exports = {
	id: 'd',
	title: 'durable wait on a two-hour session across a worker kill and a main restart',

	async setup(ctx) {
		this.emulator = await startEmulator({ timeScale: TIME_SCALE });
		ctx.lifecycle.add('emulator d', () => this.emulator.close());
		this.cred = credential('QmDevinD00000001', 'Devin (queue d)', this.emulator);
		return {
			credentials: [this.cred],
			workflows: [
				durableFlow({
					id: WORKFLOW,
					route: 'qm-d',
					emulator: this.emulator,
					cred: this.cred,
					waitSeconds: WAIT_SECONDS,
				}),
			],
		};
	},

	async run(ctx, report) {
		try {
			await this.follow(ctx, report);
		} finally {
			this.done = true; // releases the restart and kill gates whatever happened
		}
	},

	async follow(ctx, { checks, figures, log }) {
		const { cluster, redis } = ctx;
		const emulator = this.emulator;
		const started = Date.now();
		await cluster.webhook('qm-d', {
			scenario: 'd',
			key: 'd-1',
			title: 'Queue test d-1',
			prompt: 'Queue test d-1: a two-hour task #stall',
		});
		const session = await waitFor('the session of d', () => sessionsOf(emulator)[0], 60_000);
		// Devin finishes the session two hours (emulated) after it started.
		const finishInMs = (session.created_at + SESSION_MS - emulator.clock.now()) / TIME_SCALE;
		const finishTimer = setTimeout(
			() =>
				emulator.store.patch(emulator.store.get(session.session_id), {
					status: 'running',
					status_detail: 'finished',
				}),
			finishInMs,
		);
		ctx.lifecycle.add('d: finish timer', () => clearTimeout(finishTimer));
		log(
			`session ${session.session_id} finishes in ${seconds(finishInMs)} s (2 h at x${TIME_SCALE})`,
		);
		const [{ id }] = await waitFor('the execution of d', async () => {
			const rows = await cluster.executions(WORKFLOW);
			return rows.length ? rows : null;
		});
		this.executionId = id;
		const samples = [];
		let execution;
		for (;;) {
			const [[row], active] = await Promise.all([
				ctx.postgres.query(
					`SELECT status, extract(epoch from "waitTill") * 1000 AS "waitTill" FROM execution_entity WHERE id = ${Number(id)}`,
				),
				redis.activeExecutionIds(),
			]);
			execution = row;
			samples.push({
				at: Date.now(),
				status: row.status,
				held: active.includes(String(id)),
				activeJobs: active.length,
			});
			if (ended(row)) break;
			if (Date.now() - started > 8 * 60_000) throw new Error(`d still ${row.status} after 8 min`);
			await sleep(1000);
		}
		this.done = true;
		figures.endedSeconds = seconds(Date.now() - started);
		await sleep(5000); // a second delivery would come now
		const posts = reports(emulator);
		const runData = await cluster.runData(id);
		const checksRun = runData?.['Check status'] ?? [];
		const outputsOf = (run) =>
			Array.from({ length: 4 }, (_, index) => run.data?.main?.[index]?.length ?? 0);
		const waiting = samples.filter((sample) => sample.status === 'waiting');
		// Parking and resuming take a moment in which Postgres says waiting while the job is still (or
		// already) active; the two reads are not atomic. Inside a waiting stretch nothing may hold it.
		const steady = samples.filter(
			(sample, index) =>
				sample.status === 'waiting' &&
				samples[index - 1]?.status === 'waiting' &&
				samples[index + 1]?.status === 'waiting',
		);
		const segments = cluster.workersByExecution().get(String(id)) ?? [];
		Object.assign(figures, {
			executionId: id,
			status: execution.status,
			sessions: sessionsOf(emulator).length,
			samples: samples.length,
			samplesByStatus: countBy(samples.map((sample) => sample.status)),
			steadyWaitingSamples: steady.length,
			steadyWaitingSamplesWithAJobActive: steady.filter((sample) => sample.held).length,
			edgeWaitingSamplesWithAJobActive:
				waiting.filter((sample) => sample.held).length -
				steady.filter((sample) => sample.held).length,
			waitingSamplesWithNoJobActiveAtAll: waiting.filter((sample) => sample.activeJobs === 0)
				.length,
			statusChecks: checksRun.length,
			checkOutputs: checksRun.map(outputsOf),
			segmentsPerWorker: countBy(segments),
			timeline: timeline(samples, started),
			mainRestart: ctx.events.mainRestart,
			workerKill: ctx.events.workerKill,
			requestKinds: requestKinds(emulator),
		});

		await checks.check('the execution ended "success" in Postgres', () => {
			assert.equal(execution.status, 'success');
		});
		await checks.check('the result arrived exactly once', () => {
			assert.equal(posts.length, 1, JSON.stringify(posts));
			assert.equal(posts[0].sessionId, session.session_id);
			assert.equal(posts[0].phase, 'finished');
			assert.equal(posts[0].unexpected, undefined, JSON.stringify(posts[0]));
		});
		await checks.check('one session in the emulator', () => {
			assert.equal(sessionsOf(emulator).length, 1);
		});
		await checks.check('it looped: Still Working, then Finished', () => {
			assert.ok(checksRun.length >= 2, `Check Status ran ${checksRun.length} time(s)`);
			assert.deepEqual(outputsOf(checksRun.at(-1)), [1, 0, 0, 0]);
			for (const run of checksRun.slice(0, -1)) assert.deepEqual(outputsOf(run), [0, 0, 0, 1]);
		});
		await checks.check(
			'while waiting, no worker held it: "waiting" in Postgres, no active Bull job for it',
			() => {
				assert.ok(steady.length >= 60, `only ${steady.length} samples saw it waiting`);
				assert.equal(figures.steadyWaitingSamplesWithAJobActive, 0);
			},
		);
		await checks.check(
			'it was waiting when the main restarted and when the worker was killed',
			() => {
				assert.equal(
					ctx.events.mainRestart?.durableStatus,
					'waiting',
					JSON.stringify(ctx.events.mainRestart),
				);
				assert.equal(
					ctx.events.workerKill?.durableStatus,
					'waiting',
					JSON.stringify(ctx.events.workerKill),
				);
			},
		);
	},

	/** The gate for restarts and kills: d waiting in the database with `marginMs` left, or done. */
	async quiet(ctx, marginMs) {
		await waitFor(
			'the durable wait to be parked in the database',
			async () => {
				if (this.done) return true;
				if (!this.executionId) return false;
				const [row] = await ctx.postgres.query(
					`SELECT status, extract(epoch from "waitTill") * 1000 AS "waitTill" FROM execution_entity WHERE id = ${Number(this.executionId)}`,
				);
				return ended(row) || (row.status === 'waiting' && row.waitTill - Date.now() > marginMs);
			},
			240_000,
			1000,
		);
	},

	async status(ctx) {
		if (!this.executionId) return undefined;
		const [row] = await ctx.postgres.query(
			`SELECT status FROM execution_entity WHERE id = ${Number(this.executionId)}`,
		);
		return row?.status;
	},
};
