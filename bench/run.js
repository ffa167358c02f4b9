#!/usr/bin/env node
'use strict';

/**
 * The performance benchmark: every target of the node beside what it is compared with, in one run.
 *
 *   npm run bench [-- --quick]
 *
 * Starts the Devin API emulator on a free loopback port (a child process), measures the built node
 * (dist/) in n8n-core's real contexts, then Session → Get against n8n's own HTTP Request node in the
 * real n8n 2.41.1 that `npm run test:e2e` installs (skipped, with a line saying so, where it is not
 * installed). Prints the table and writes it with the machine's details to bench/RESULTS.md.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { EmulatorProcess } = require('./lib/emulator');
const {
	measureGetMany,
	measureHeap,
	measureStop,
	measureTrigger,
	measureWait,
} = require('./lib/measures');
const { measureRealN8n } = require('./lib/realN8n');

const quick = process.argv.includes('--quick');
const settings = quick
	? { sessions: 10_000, pairs: 5, items: 1_000, rounds: 3, burst: 450 }
	: { sessions: 10_000, pairs: 15, items: 1_000, rounds: 7, burst: 450 };

const started = Date.now();
const log = (message) =>
	process.stdout.write(
		`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`,
	);

const ms = (value) => `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const times = (ratio) => `${ratio.toFixed(2)}×`;

function row(measure, peer, node, ratio, target, pass) {
	return {
		measure,
		peer,
		node,
		ratio,
		target,
		result: pass === undefined ? 'skipped' : pass ? 'pass' : 'FAIL',
	};
}

async function main() {
	const rows = [];
	const notes = [];
	const loadBefore = os.loadavg();
	const emulator = await EmulatorProcess.start({ manualClock: true });
	log(`emulator on ${emulator.url}`);
	try {
		log(`Get Many, Return All over ${settings.sessions} sessions: ${settings.pairs} pairs`);
		const getMany = await measureGetMany(emulator, {
			count: settings.sessions,
			pairs: settings.pairs,
		});
		rows.push(
			row(
				`Session → Get Many, Return All, ${settings.sessions.toLocaleString('en')} sessions: wall time (median of ${settings.pairs} paired runs)`,
				`bare \`fetch\` loop: ${ms(getMany.peerMs)}`,
				ms(getMany.nodeMs),
				times(getMany.ratio),
				'≤ 1.20×',
				getMany.ratio <= 1.2,
			),
			row(
				'… requests sent',
				'50 pages',
				String(getMany.requests),
				'',
				'exactly 50',
				getMany.requests === 50,
			),
		);

		log('peak heap growth of the same Return All');
		const heap = await measureHeap(emulator, { count: settings.sessions });
		rows.push(
			row(
				'… peak heap growth (live: sampled after a full GC, between pages and every 250 items)',
				`JSON received: ${mb(heap.bytes)}`,
				mb(heap.live),
				times(heap.live / heap.bytes),
				'≤ 3.00×',
				heap.live <= 3 * heap.bytes,
			),
		);
		notes.push(
			`Heap without forcing a GC before each sample: ${mb(heap.unforced)} (${times(heap.unforced / heap.bytes)} the JSON); that adds garbage V8 has not collected yet, which its young generation alone lets grow to 16 MB.`,
		);

		log('Wait for Completion on a 60-minute session, in virtual time');
		const wait = await measureWait(emulator);
		rows.push(
			row(
				'Wait for Completion on a session running 60 min (default settings): requests',
				'—',
				String(wait.requests),
				'',
				'≤ 40',
				wait.requests <= 40,
			),
			row(
				'… finish seen after',
				'—',
				`${(wait.seenAfterMs / 1000).toFixed(0)} s`,
				'',
				'≤ 120 s',
				wait.seenAfterMs <= 120_000,
			),
		);
		log('a stopped execution ending a wait');
		const stop = await measureStop(emulator);
		rows.push(
			row(
				'… a stopped execution ends the wait in',
				'—',
				ms(stop.stopMs),
				'',
				'< 1 s',
				stop.stopMs < 1000,
			),
		);

		log(`Devin Trigger: idle organization, then a burst of ${settings.burst} finishing sessions`);
		const trigger = await measureTrigger(emulator, { burst: settings.burst });
		rows.push(
			row(
				'Devin Trigger, idle organization of 10,000 sessions: requests per poll',
				'—',
				trigger.idle.join(', '),
				'',
				'1 each',
				trigger.idle.every((count) => count === 1),
			),
			row(
				`… after ${settings.burst} sessions finish within 2 min: requests per poll, from the 2nd poll after the last change`,
				'—',
				`max ${Math.max(...trigger.after)} over ${trigger.after.length} polls`,
				'',
				'1 each',
				trigger.after.every((count) => count === 1),
			),
			row(
				'… Session Finished events fired',
				`${trigger.expected} finished`,
				`${trigger.fired} (${trigger.distinct} distinct)`,
				'',
				'each once',
				trigger.fired === trigger.expected && trigger.distinct === trigger.expected,
			),
		);

		log(
			`real n8n: Session → Get vs HTTP Request, ${settings.items} items, ${settings.rounds} rounds`,
		);
		const real = await measureRealN8n({
			emulator,
			items: settings.items,
			rounds: settings.rounds,
			log: (line) => log(line.trim()),
		});
		const realMeasure = `Session → Get vs HTTP Request, ${settings.items.toLocaleString('en')} items, real n8n ${real.version ?? '2.41.1'}: node executionTime (median of ${settings.rounds} interleaved runs)`;
		if (real.skipped) {
			log(`skipped: ${real.skipped}`);
			notes.push(`Real n8n skipped: ${real.skipped}.`);
			rows.unshift(row(realMeasure, 'HTTP Request: —', '—', '—', '≤ 1.00×', undefined));
		} else {
			const ratio = real.devinMs / real.httpMs;
			rows.unshift(
				row(
					realMeasure,
					`HTTP Request: ${ms(real.httpMs)}`,
					ms(real.devinMs),
					times(ratio),
					'≤ 1.00×',
					ratio <= 1,
				),
			);
			notes.push(
				`Real n8n runs (ms), Devin: ${real.times.devin.join(', ')}; HTTP Request: ${real.times.http.join(', ')}; requests per run: Devin ${real.requests.devin}, HTTP Request ${real.requests.http}.`,
			);
		}
	} finally {
		await emulator.close();
	}

	const seconds = Math.round((Date.now() - started) / 1000);
	const table = [
		'| Measure | Peer | Devin node | Ratio | Target | Result |',
		'| --- | --- | --- | --- | --- | --- |',
		...rows.map(
			(r) => `| ${r.measure} | ${r.peer} | ${r.node} | ${r.ratio} | ${r.target} | ${r.result} |`,
		),
	].join('\n');
	process.stdout.write(`\n${table}\n\n`);
	for (const note of notes) process.stdout.write(`${note}\n`);

	const cpus = os.cpus();
	const corePackage = require('n8n-core/package.json');
	const results = [
		'# Benchmark results',
		'',
		'Written by `npm run bench` (bench/run.js); the last run wins.',
		'',
		`- Date: ${new Date().toISOString()}`,
		`- Mode: ${quick ? '--quick' : 'full'}, ${seconds} s`,
		`- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB RAM, ${os.type()} ${os.release()}; load average ${loadBefore.map((value) => value.toFixed(1)).join(' / ')} at the start`,
		`- Node ${process.version} (benchmark and emulator); real n8n 2.41.1 on its own Node 24 (test/e2e/lib/hosts.js); in-process measures in n8n-core ${corePackage.version}`,
		'',
		table,
		'',
		...notes.map((note) => `- ${note}`),
		'',
	].join('\n');
	fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), results);
	log(`wrote bench/RESULTS.md in ${seconds} s`);
	process.exitCode = rows.some((r) => r.result === 'FAIL') ? 1 : 0;
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
