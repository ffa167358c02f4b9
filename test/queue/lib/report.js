'use strict';

/** The run's summary: one line of figures per scenario, then the totals CI reads. */

const fmt = (value) =>
	value && typeof value === 'object'
		? Object.entries(value)
				.map(([key, count]) => `${key} ${count}`)
				.join(' / ')
		: String(value);

/** The figures worth a line in the log, per scenario (all of them go to the results file). */
const LINES = {
	a: (f) =>
		`${f.sessions} sessions, ${f.executions} executions (${fmt(f.statuses)}), per worker ${fmt(f.perWorker)}, all ended ${f.allEndedSeconds} s after sending, ${f.requestsPerSession} API requests per session`,
	a2: (f) =>
		`${f.sessionsCreated} sessions created, ${f.sessionsLeftRunning} left running, ${f.sessionsTerminated} terminated; isNewSession ${fmt(f.isNewSession)}; ${f.pairsSplitAcrossWorkers} pairs split across workers; ended in ${f.allEndedSeconds} s`,
	b: (f) =>
		`killed ${f.killedWorker} holding ${f.originalsPerWorker?.[f.killedWorker]} of 5 waits; sessions ${f.sessionsBeforeKill} before, ${f.sessionsAfterResend} after the re-send; re-sent ${fmt(f.resentStatuses)}, delivered ${f.resultsDeliveredSeconds} s after the sessions finished; killed executions ${fmt(f.killedExecutions?.statuses)} after ${f.killedExecutions?.endedAfterKillSeconds} s`,
	c: (f) =>
		`${f.reports} reports for 5 sessions over ${f.polls} polls; first fire ${f.firstFireSeconds} s after finishing, ${f.afterRestartFireSeconds} s after the restarted main was ready; ${f.executions} executions (${fmt(f.statuses)}), per worker ${fmt(f.perWorker)}`,
	d: (f) =>
		`${f.status} after ${f.endedSeconds} s; ${f.statusChecks} status checks; ${f.samplesByStatus?.waiting ?? 0} of ${f.samples} samples waiting, ${f.steadyWaitingSamplesWithAJobActive} of the ${f.steadyWaitingSamples} inside a waiting stretch with its job active (${f.edgeWaitingSamplesWithAJobActive} at an edge); segments per worker ${fmt(f.segmentsPerWorker)}`,
};

function summarize(results, failedRun, log) {
	let passed = 0;
	let failed = failedRun ? 1 : 0;
	log('— summary');
	for (const [id, scenario] of Object.entries(results.scenarios)) {
		passed += scenario.passed;
		failed += scenario.failed;
		const mark = scenario.failed ? '✗' : '✓';
		const stopped = scenario.failures.find((reason) => reason.startsWith('the scenario stopped'));
		let line = stopped ?? '';
		try {
			if (!stopped) line = LINES[id]?.(scenario.figures) ?? '';
		} catch {
			line = '(figures incomplete)';
		}
		log(
			`${mark} ${id.padEnd(2)} ${scenario.passed}/${scenario.passed + scenario.failed} checks, ${scenario.figures.wallSeconds} s: ${line}`,
		);
	}
	const restart = results.events.mainRestart;
	if (restart)
		log(`main restart: stopped in ${restart.stopSeconds} s, ready in ${restart.readySeconds} s`);
	if (results.setup.seconds)
		log(`setup ${results.setup.seconds} s (n8n ready: ${fmt(results.setup.readySeconds)})`);
	if (failedRun) log(`✗ run: ${failedRun.split('\n')[0]}`);
	Object.assign(results, { passed, failed, ...(failedRun ? { error: failedRun } : {}) });
	return { passed, failed };
}

module.exports = { summarize };
