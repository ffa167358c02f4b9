'use strict';

/** A tiny test runner for the e2e script: named checks, a summary line CI can read. */
class Checks {
	constructor(log) {
		this.log = log;
		this.passed = 0;
		this.failed = [];
		this.prefix = '';
	}

	section(name) {
		this.prefix = name;
		this.log(`— ${name}`);
	}

	async check(name, fn) {
		try {
			await fn();
			this.passed++;
			this.log(`  ✓ ${name}`);
			return true;
		} catch (error) {
			this.fail(name, error);
			return false;
		}
	}

	fail(name, error) {
		this.failed.push(`${this.prefix}: ${name}`);
		const text = String(error?.stack || error)
			.split('\n')
			.slice(0, 12)
			.join('\n    ');
		this.log(`  ✗ ${name}\n    ${text}`);
	}

	summary() {
		if (this.failed.length) this.log(`failed:\n  ${this.failed.join('\n  ')}`);
		return { passed: this.passed, failed: this.failed.length };
	}
}

module.exports = { Checks };
