'use strict';

/**
 * Everything the queue test starts is registered here and stopped in reverse order: on success, on
 * failure, on Ctrl-C/SIGTERM and on the run's time limit. Each run folder records its server PIDs so
 * that a run killed outright (SIGKILL) is cleaned up by the next one.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RUN_PREFIX = 'devin-queue-';

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** Whether a process works inside `dir`: our servers' working folders are all in the run folder. */
function worksIn(pid, dir) {
	try {
		return fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(dir);
	} catch {
		return false;
	}
}

/** Kills what an earlier run left behind when that run's own process is gone; returns what it did. */
function reapStaleRuns(log) {
	const reaped = [];
	for (const name of fs.readdirSync(os.tmpdir())) {
		if (!name.startsWith(RUN_PREFIX)) continue;
		const dir = path.join(os.tmpdir(), name);
		let owner;
		let pids = [];
		try {
			owner = Number(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
			pids = JSON.parse(fs.readFileSync(path.join(dir, 'pids.json'), 'utf8'));
		} catch {
			/* an unfinished or foreign folder: leave it */
		}
		if (!owner || alive(owner)) continue;
		for (const { pid, name: what } of pids) {
			if (!alive(pid) || !worksIn(pid, dir)) continue;
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					/* gone */
				}
			}
			reaped.push(`${what} (pid ${pid})`);
		}
		fs.rmSync(dir, { recursive: true, force: true });
		log(
			`removed the folder of an interrupted run: ${dir}${reaped.length ? `; killed ${reaped.join(', ')}` : ''}`,
		);
	}
	return reaped;
}

class Lifecycle {
	constructor(log) {
		this.log = log;
		this.resources = [];
		this.pids = new Map();
		this.stopping = undefined;
	}

	/** A folder for this run; world-traversable so the postgres user reaches its data folder. */
	makeRunDir() {
		this.dir = fs.mkdtempSync(path.join(os.tmpdir(), RUN_PREFIX));
		fs.chmodSync(this.dir, 0o755);
		fs.writeFileSync(path.join(this.dir, 'owner.pid'), String(process.pid));
		this.savePids();
		return this.dir;
	}

	savePids() {
		if (!this.dir) return;
		const list = [...this.pids]
			.filter(([, { persist }]) => persist)
			.map(([pid, { name }]) => ({ pid, name }));
		fs.writeFileSync(path.join(this.dir, 'pids.json'), JSON.stringify(list));
	}

	/**
	 * Records a started process: whatever is still running when the run ends is killed, commands
	 * before the servers stop, servers (stopped in order by their resources) after. `persist`: written
	 * down so that the next run can reap it if this one is killed outright.
	 */
	track(name, child, { persist = true, server = false } = {}) {
		if (!child.pid) return;
		this.pids.set(child.pid, { name, persist, server });
		if (persist) this.savePids();
		child.once('exit', () => {
			this.pids.delete(child.pid);
			if (persist) this.savePids();
		});
	}

	/** SIGTERM to the tracked process groups still running, SIGKILL to those left after 3 s. */
	async sweep(servers) {
		const left = () => [...this.pids].filter(([, entry]) => servers || !entry.server);
		const signalAll = (signal) => {
			for (const [pid] of left())
				try {
					process.kill(-pid, signal);
				} catch {
					/* gone */
				}
		};
		if (!left().length) return;
		this.log(
			`stopping ${left()
				.map(([, { name }]) => name)
				.join(', ')}`,
		);
		signalAll('SIGTERM');
		for (let waited = 0; left().length && waited < 3000; waited += 100)
			await new Promise((resolve) => setTimeout(resolve, 100));
		signalAll('SIGKILL');
	}

	/** `stop` runs once, when the run ends, after everything registered later has stopped. */
	add(name, stop) {
		this.resources.push({ name, stop });
	}

	stopAll() {
		if (!this.stopping)
			this.stopping = (async () => {
				await this.sweep(false); // commands in flight first: they would wait on the servers
				while (this.resources.length) {
					const { name, stop } = this.resources.pop();
					try {
						await stop();
					} catch (error) {
						this.log(`could not stop ${name}: ${error.message}`);
					}
				}
				await this.sweep(true);
			})();
		return this.stopping;
	}

	/**
	 * Ctrl-C and SIGTERM stop everything, then exit 130/143. The same signal often arrives twice at
	 * once (from the terminal and from npm); a signal more than 2 s after the first stops waiting for
	 * graceful exits: every tracked process group gets SIGKILL.
	 */
	handleSignals(onSignal) {
		let first;
		const stop = (signal, code) => {
			if (first === undefined) {
				first = Date.now();
				this.log(`${signal}: stopping everything this run started`);
				onSignal?.(signal);
				this.stopAll().finally(() => process.exit(code));
				return;
			}
			if (Date.now() - first < 2000) return;
			this.log(`${signal} again: killing what is left`);
			for (const pid of this.pids.keys())
				try {
					process.kill(-pid, 'SIGKILL');
				} catch {
					/* gone */
				}
			process.exit(code); // the next run removes the folder (its owner is gone)
		};
		for (const [signal, code] of [
			['SIGINT', 130],
			['SIGTERM', 143],
			['SIGHUP', 129],
		])
			process.on(signal, () => stop(signal, code));
		// npm (9.8 and later) may exit on SIGTERM without passing it on (npm/cli#6684): when the npm
		// that ran us is gone, stop as if the signal had reached us.
		if (process.env.npm_lifecycle_event) {
			const parent = process.ppid;
			const watch = setInterval(() => {
				if (process.ppid === parent) return;
				clearInterval(watch);
				if (first === undefined) stop('SIGTERM (npm is gone)', 143);
			}, 1000);
			watch.unref();
		}
	}
}

module.exports = { Lifecycle, reapStaleRuns, RUN_PREFIX };
