'use strict';

const { seedAcuLimits } = require('./lib/acu-limits');
const { seedSessions } = require('./lib/control');
const { ORG_ID, OTHER_ORG_ID, PRINCIPALS } = require('./lib/principals');
const { seedRepositories } = require('./lib/repositories');
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

Emulator.prototype.seedRepositories = function (count, options) {
	return seedRepositories(this, count, options);
};

Emulator.prototype.seedAcuLimits = function (count) {
	return seedAcuLimits(this, count);
};

module.exports = { startEmulator, Emulator, PRINCIPALS, ORG_ID, OTHER_ORG_ID };
