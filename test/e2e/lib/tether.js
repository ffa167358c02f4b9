#!/usr/bin/env node
'use strict';

/**
 * Runs a program on a tether: `node tether.js <program> [args…]` starts it in this process's group
 * and stops it (SIGTERM, then SIGKILL for the whole group after a grace period) when this process
 * is told to stop or when its stdin closes. Its parent keeps the other end of stdin open and never
 * writes to it, so the program ends even when the parent is killed with a signal it cannot catch.
 */
const { spawn } = require('node:child_process');

const GRACE_MS = 20_000;
const [program, ...args] = process.argv.slice(2);
if (!program) {
	process.stderr.write('usage: node tether.js <program> [args…]\n');
	process.exit(2);
}

// NODE_OPTIONS meant for the program (such as --cpu-prof, which this Node may refuse) come apart.
const env = { ...process.env };
if (env.TETHERED_NODE_OPTIONS !== undefined) {
	env.NODE_OPTIONS = env.TETHERED_NODE_OPTIONS;
	delete env.TETHERED_NODE_OPTIONS;
}
const child = spawn(program, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;

function stop() {
	if (stopping) return;
	stopping = true;
	child.kill('SIGTERM');
	setTimeout(() => {
		try {
			process.kill(-process.pid, 'SIGKILL');
		} catch {
			child.kill('SIGKILL');
		}
	}, GRACE_MS).unref();
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
child.on('error', (error) => {
	process.stderr.write(`tether: could not start ${program}: ${error.message}\n`);
	process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 0)));
