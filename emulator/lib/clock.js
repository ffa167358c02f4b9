'use strict';

/**
 * The emulator's notion of now, in epoch ms. It runs with real time (optionally faster, for
 * demos), or stands still until told to move (`manual`), and can be pushed forward on every
 * request (`advancePerRequestMs`) so tests see sessions progress deterministically.
 */
class Clock {
	constructor({ timeScale = 1, manual = false, start = Date.now() } = {}) {
		this.timeScale = timeScale;
		this.manual = manual;
		this.start = start;
		this.realStart = Date.now();
		this.offset = 0;
	}

	now() {
		const elapsed = this.manual ? 0 : (Date.now() - this.realStart) * this.timeScale;
		return Math.floor(this.start + elapsed + this.offset);
	}

	advance(ms) {
		this.offset += Math.max(0, Number(ms) || 0);
		return this.now();
	}
}

module.exports = { Clock };
