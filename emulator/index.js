'use strict';

const { seedSessions } = require('./lib/control');
const { ORG_ID, OTHER_ORG_ID, PRINCIPALS } = require('./lib/principals');
const { Emulator } = require('./lib/server');

/**
 * Starts a Devin API emulator on 127.0.0.1 (a free port unless `port` is given).
 * Options: port, host, timeScale (clock speed), manualClock, startTime, advancePerRequestMs.
 */
async function startEmulator(options = {}) {
	const emulator = new Emulator(options);
	await emulator.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	return emulator;
}

Emulator.prototype.seedSessions = function (count, fields) {
	return seedSessions(this, count, fields);
};

module.exports = { startEmulator, Emulator, PRINCIPALS, ORG_ID, OTHER_ORG_ID };
