'use strict';

/**
 * The Devin API emulator for the benchmark: a child process on a free loopback port, driven over
 * its `/_emulator/*` controls (seeding, clock, request log).
 */
const path = require('node:path');
const { fork } = require('node:child_process');

class EmulatorProcess {
	static async start(options = {}) {
		const child = fork(path.join(__dirname, 'emulatorChild.js'), [JSON.stringify(options)], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const ready = await new Promise((resolve, reject) => {
			child.once('message', resolve);
			child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
		});
		return new EmulatorProcess(child, ready.url, ready.info);
	}

	constructor(child, url, info) {
		this.child = child;
		this.url = url;
		this.info = info;
	}

	async control(method, route, body) {
		const response = await fetch(`${this.url}/_emulator${route}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${method} /_emulator${route}: ${response.status}`);
		return await response.json();
	}

	reset() {
		return this.control('POST', '/reset');
	}

	async seed(count, fields = {}) {
		return (await this.control('POST', '/sessions', { count, ...fields })).session_ids;
	}

	patch(sessionId, fields) {
		return this.control('PATCH', `/sessions/${sessionId}`, fields);
	}

	async now() {
		return (await this.control('GET', '/info')).now;
	}

	async advance(ms) {
		return (await this.control('POST', '/clock', { advanceMs: ms })).now;
	}

	/** The API requests logged so far (control calls are not logged). */
	async requests() {
		return (await this.control('GET', '/requests')).requests;
	}

	clearRequests() {
		return this.control('DELETE', '/requests');
	}

	async close() {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.kill('SIGTERM');
		await exited;
	}
}

module.exports = { EmulatorProcess };
