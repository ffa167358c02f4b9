#!/usr/bin/env node
'use strict';

/**
 * The package in n8n's queue mode: n8n 2.41.1 (Node 24) as a main and two workers
 * (`--concurrency=5`), PostgreSQL and Redis from Debian packages on free loopback ports, each
 * scenario with its own Devin API emulator.
 *
 *   node test/queue/run.js [--only a,a2,b,c,d] [--no-build] [--keep] [--results <file>] [--time-limit <min>]
 *
 * Infrastructure and n8n start once; the scenarios run side by side, ordered only where they
 * share an event: a2 before a (its pairs must race, not queue behind a's waits), the main restart
 * once a, a2 and the trigger's first fire are done and d is parked in the database, b's worker kill
 * after that. Everything started is stopped on success, failure, Ctrl-C and SIGTERM.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ensureHost, ROOT } = require('../e2e/lib/hosts');
const { run } = require('../e2e/lib/proc');
const { Checks } = require('../e2e/lib/checks');
const { ensurePackages, postgresBin, Postgres, Redis } = require('./lib/infra');
const { QueueCluster, CONCURRENCY } = require('./lib/cluster');
const { Lifecycle, reapStaleRuns } = require('./lib/lifecycle');
const { gate, seconds } = require('./lib/helpers');
const { summarize } = require('./lib/report');

const SCENARIOS = [
	require('./scenarios/a2-race'),
	require('./scenarios/a-create-wait'),
	require('./scenarios/c-trigger'),
	require('./scenarios/d-durable-wait'),
	require('./scenarios/b-kill-resend'),
];
const TIME_LIMIT_MINUTES = 15;
const RESULTS = path.join(__dirname, 'results');

function option(name) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}
const flag = (name) => process.argv.includes(`--${name}`);

const log = (message) =>
	process.stdout.write(`[queue ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function main() {
	const started = Date.now();
	const only = option('only')?.split(',').filter(Boolean);
	const selected = SCENARIOS.filter((scenario) => !only || only.includes(scenario.id));
	if (!selected.length)
		throw new Error(`--only names no scenario; use ${SCENARIOS.map((s) => s.id).join(',')}`);
	const lifecycle = new Lifecycle(log);
	let interrupted;
	lifecycle.handleSignals((signal) => {
		interrupted = signal;
	});
	const results = {
		startedAt: new Date(started).toISOString(),
		scenarios: {},
		setup: {},
		events: {},
	};
	let failedRun;
	let limit;
	let finishing;
	/** Stops everything, prints the summary and writes the results file, once; the exit code. */
	const finish = () => (finishing ??= finishRun());
	const finishRun = async () => {
		clearTimeout(limit);
		await lifecycle.stopAll();
		if (interrupted) return 130;
		results.wallSeconds = seconds(Date.now() - started);
		const { passed, failed } = summarize(results, failedRun, log);
		const file = option('results') || path.join(RESULTS, 'last-run.json');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`);
		log(`figures written to ${path.relative(process.cwd(), file)}`);
		log(`${passed} passed, ${failed} failed in ${results.wallSeconds} s`);
		return failed === 0 && passed > 0 ? 0 : 1;
	};

	try {
		reapStaleRuns(log);
		if (!flag('no-build')) {
			log('building the package');
			await run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 180_000 });
		}
		const host = await ensureHost('n8n-2', log);
		results.setup.n8n = host.version;
		results.setup.aptSeconds = await ensurePackages(log);
		// The limit leaves out the one-time installs of n8n and the Debian packages.
		const limitMinutes = Number(option('time-limit') ?? TIME_LIMIT_MINUTES);
		limit = setTimeout(() => {
			failedRun = `the run took longer than ${limitMinutes} min`;
			log(`${failedRun}: stopping everything`);
			finish().then((code) => process.exit(code || 1));
		}, limitMinutes * 60_000);
		const setupStarted = Date.now();
		const dir = lifecycle.makeRunDir();
		const keepLogs = () =>
			Boolean(failedRun || interrupted) ||
			Object.values(results.scenarios).some((scenario) => scenario.failed > 0);
		lifecycle.add('run folder', () => removeRunDir(dir, keepLogs()));
		log(`run folder ${dir}`);
		const track = (...args) => lifecycle.track(...args);
		const postgres = new Postgres(path.join(dir, 'pg'), postgresBin(), track);
		const redis = new Redis(path.join(dir, 'redis'), 'qm', track);
		lifecycle.add('postgres', () => postgres.stop());
		lifecycle.add('redis', () => redis.stop());
		await Promise.all([postgres.start(log), redis.start(log)]);
		Object.assign(results.setup, { postgres: postgres.version, redis: redis.version });
		results.setup.infraSeconds = seconds(Date.now() - setupStarted);

		const cluster = new QueueCluster({ host, dir, lifecycle, postgres, redis });
		await cluster.prepare();
		const ctx = {
			cluster,
			postgres,
			redis,
			lifecycle,
			events: results.events,
			whileMainDown: [],
			gates: {
				a2Done: gate(),
				mainRestarted: gate(),
				triggerBeforeRestart: gate(),
				triggerAfterRestart: gate(),
			},
		};
		const durable = selected.find((scenario) => scenario.id === 'd');
		ctx.durableQuiet = () => (durable ? durable.quiet(ctx, 15_000) : Promise.resolve());
		ctx.durableStatus = () => (durable ? durable.status(ctx) : Promise.resolve(undefined));
		const credentials = [];
		const workflows = [];
		for (const scenario of selected) {
			const setup = await scenario.setup(ctx);
			credentials.push(...setup.credentials);
			workflows.push(...setup.workflows);
		}
		Object.assign(results.setup, await cluster.load(credentials, workflows));
		log(`imported and published ${workflows.length} workflows`);
		results.setup.readySeconds = await cluster.startAll();
		results.setup.seconds = seconds(Date.now() - setupStarted);
		log(
			`main and ${cluster.workerNames.length} workers (concurrency ${CONCURRENCY}) ready; setup took ${results.setup.seconds} s`,
		);
		results.setup.rssMb = rssOf(cluster);

		const scenariosStarted = Date.now();
		const runs = new Map(
			selected.map((scenario) => [scenario.id, runScenario(scenario, ctx, results)]),
		);
		// A gate whose scenario is not in this run is open.
		if (runs.has('a2')) runs.get('a2').finally(() => ctx.gates.a2Done.resolve());
		else ctx.gates.a2Done.resolve();
		if (!runs.has('c')) {
			ctx.gates.triggerBeforeRestart.resolve();
			ctx.gates.triggerAfterRestart.resolve();
		}

		const restart =
			runs.has('c') || runs.has('d') || runs.has('b') ? restartMain(ctx, runs) : Promise.resolve();
		await Promise.race([
			Promise.all(runs.values()),
			restart.then(() => new Promise(() => {})), // only its failure ends the run early
		]);
		await restart;
		results.scenariosSeconds = seconds(Date.now() - scenariosStarted);
		results.setup.rssMbAtEnd = rssOf(cluster);
	} catch (error) {
		// An interruption or the time limit stopped it: what failed next is only a consequence.
		if (!failedRun && !interrupted) {
			failedRun = `${error.stack || error}`;
			log(`the run stopped: ${failedRun}`);
		}
	}
	return finish();
}

async function runScenario(scenario, ctx, results) {
	const say = (message) => log(`[${scenario.id}] ${message}`);
	const checks = new Checks(say);
	checks.prefix = scenario.id;
	const reasons = [];
	const fail = checks.fail.bind(checks);
	checks.fail = (name, error) => {
		reasons.push(`${name}: ${String(error?.message ?? error).split('\n')[0]}`);
		fail(name, error);
	};
	const figures = {};
	const started = Date.now();
	say(`${scenario.title}`);
	try {
		await scenario.run(ctx, { checks, figures, log: say });
	} catch (error) {
		checks.fail('the scenario stopped', error);
	}
	figures.wallSeconds = seconds(Date.now() - started);
	results.scenarios[scenario.id] = {
		title: scenario.title,
		passed: checks.passed,
		failed: checks.failed.length,
		failures: reasons,
		figures,
	};
}

/** Restarts the main (graceful SIGTERM, then start) once nothing it tracks is in flight. */
async function restartMain(ctx, runs) {
	const { cluster, gates } = ctx;
	try {
		await Promise.all([runs.get('a'), runs.get('a2'), gates.triggerBeforeRestart]);
		await ctx.durableQuiet();
		const durableStatus = await ctx.durableStatus();
		const at = Date.now();
		log('restarting the main');
		const stopped = await cluster.main.stop(35_000);
		for (const hook of ctx.whileMainDown) await hook();
		const readySeconds = await cluster.main.start();
		ctx.events.mainRestart = {
			at: new Date(at).toISOString(),
			stopSeconds: stopped?.seconds,
			exit: stopped?.signal ?? stopped?.code,
			readySeconds,
			readyAt: new Date().toISOString(),
			durableStatus,
		};
		log(
			`main stopped in ${stopped?.seconds} s (exit ${ctx.events.mainRestart.exit}), ready again in ${readySeconds} s`,
		);
	} finally {
		gates.mainRestarted.resolve();
	}
}

function rssOf(cluster) {
	return Object.fromEntries(
		[cluster.main, ...Object.values(cluster.workers)].map((process) => [
			process.name,
			cluster.rssMb(process),
		]),
	);
}

/** Removes the run folder; a failed run's n8n, Postgres and Redis logs are kept in test/queue/results/logs. */
function removeRunDir(dir, keepLogs) {
	if (flag('keep')) return log(`kept ${dir}`);
	if (keepLogs) {
		const logs = path.join(RESULTS, 'logs');
		fs.rmSync(logs, { recursive: true, force: true });
		fs.mkdirSync(logs, { recursive: true });
		for (const [from, to] of [
			['logs', ''],
			['pg/postgres.log', 'postgres.log'],
			['redis/redis.log', 'redis.log'],
		])
			if (fs.existsSync(path.join(dir, from)))
				fs.cpSync(path.join(dir, from), path.join(logs, to || '.'), { recursive: true });
		log(`logs kept in ${path.relative(process.cwd(), logs)}`);
	}
	fs.rmSync(dir, { recursive: true, force: true });
}

main().then(
	(code) => process.exit(code),
	(error) => {
		process.stderr.write(`${error.stack || error}\n`);
		process.exit(1);
	},
);
