#!/usr/bin/env node
'use strict';

/**
 * Where the time of Session → Get goes in real n8n 2.41.1, beside the HTTP Request node: the same
 * runs as `npm run bench`, with n8n's main process under the V8 CPU profiler.
 *
 *   npm run bench:profile
 *
 * Prints, per item, the CPU time n8n spent resolving each node's expression parameter, and in the
 * one step only the Devin node takes: n8n applying the credential's `authenticate` (a function that
 * adds the Bearer header) to every request.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { EmulatorProcess } = require('./lib/emulator');
const { measureRealN8n } = require('./lib/realN8n');
const { inclusiveTimes } = require('./lib/cpuProfile');

const ITEMS = 1_000;
const ROUNDS = 2;

/** Synchronous steps, so the profile holds all of their time under the function named. */
const STEPS = [
	{
		label: "Devin: the item's Session parameter (`{{ $json.sessionId }}`), an n8n expression",
		match: (frame) => frame.functionName === 'readSessionId' && /n8n-nodes-devin/.test(frame.url),
	},
	{
		label: "Devin: the credential's `authenticate` function, applied by n8n to every request",
		match: (frame) => frame.functionName === 'authenticate' && /credentials-helper/.test(frame.url),
	},
	{
		label:
			'HTTP Request: its parameters (the URL expression included) and starting its requests, before it awaits them',
		match: (frame) => frame.functionName === 'execute' && /HttpRequestV3/.test(frame.url),
	},
];

async function main() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devin-bench-profile-'));
	const emulator = await EmulatorProcess.start({ manualClock: true });
	let result;
	try {
		result = await measureRealN8n({
			emulator,
			items: ITEMS,
			rounds: ROUNDS,
			log: (line) => process.stdout.write(`${line.trim()}\n`),
			env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` },
		});
	} finally {
		await emulator.close();
	}
	if (result.skipped) {
		process.stdout.write(`Skipped: ${result.skipped}\n`);
		fs.rmSync(dir, { recursive: true, force: true });
		return;
	}
	// n8n's main process wrote the largest profile; its task runner and CLI helpers the others.
	const [main] = fs
		.readdirSync(dir)
		.map((file) => path.join(dir, file))
		.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
	const times = inclusiveTimes(JSON.parse(fs.readFileSync(main, 'utf8')), STEPS);
	fs.rmSync(dir, { recursive: true, force: true });
	// One warm-up run and ROUNDS measured runs per node, all of them profiled.
	const perItem = (ms) => (ms / ((ROUNDS + 1) * ITEMS)).toFixed(2);
	const lines = [
		'',
		`n8n ${result.version}, ${ITEMS} items, CPU ms per item over ${ROUNDS + 1} profiled runs of each node`,
		`(medians of the profiled runs: Devin ${result.devinMs} ms, HTTP Request ${result.httpMs} ms)`,
		'',
	];
	STEPS.forEach((step, index) => {
		lines.push(`${perItem(times[index]).padStart(6)} ms  ${step.label}`);
	});
	lines.push(
		'',
		`Whole node, from n8n's run data: Devin ${(result.devinMs / ITEMS).toFixed(2)} ms per item, HTTP Request ${(result.httpMs / ITEMS).toFixed(2)} ms per item.`,
	);
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
