'use strict';

const { spawn } = require('node:child_process');

/** The commands `run` has started and that are still running, so an interrupted caller can stop them. */
const running = new Set();

/**
 * Runs a command to its end with a time limit; rejects with its tail of output when it fails.
 * `log` receives each line of output when given (installs); otherwise output is only collected.
 * `onSpawn` receives the child at once (to stop it when the caller is interrupted).
 */
function run(
	command,
	args,
	{ env = process.env, cwd, timeoutMs = 120_000, log, input, onSpawn } = {},
) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			env,
			cwd,
			stdio: ['pipe', 'pipe', 'pipe'],
			detached: true,
		});
		running.add(child);
		child.on('exit', () => running.delete(child));
		onSpawn?.(child);
		let stdout = '';
		let stderr = '';
		const relay = (chunk) => {
			if (!log) return;
			for (const line of chunk.toString().split('\n')) if (line.trim()) log(`  ${line}`);
		};
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			relay(chunk);
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			relay(chunk);
		});
		const timer = setTimeout(() => {
			killGroup(child);
			reject(new Error(`${command} ${args.join(' ')} took longer than ${timeoutMs / 1000} s`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0) resolve({ stdout, stderr, code });
			else {
				const error = new Error(
					`${command} ${args.join(' ')} exited with ${code}\n${(stderr || stdout).slice(-3000)}`,
				);
				Object.assign(error, { stdout, stderr, code });
				reject(error);
			}
		});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

/** Ends a detached child and everything it started (n8n starts a task runner). */
function killGroup(child, signal = 'SIGTERM') {
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

/** Ends every command `run` started that is still running (each with what it started). */
function stopRunning(signal = 'SIGTERM') {
	for (const child of running) killGroup(child, signal);
}

/** Polls `condition` until it returns something truthy, and returns that; fails after `timeoutMs`. */
async function waitFor(what, condition, timeoutMs = 60_000, intervalMs = 250) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await condition();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

module.exports = { run, killGroup, stopRunning, waitFor };
