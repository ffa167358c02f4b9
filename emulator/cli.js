#!/usr/bin/env node
'use strict';

const { startEmulator } = require('./index');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	if (index >= 0 && process.argv[index + 1] !== undefined) return process.argv[index + 1];
	return fallback;
}

async function main() {
	const port = Number(option('port', process.env.DEVIN_EMULATOR_PORT || 4010));
	const timeScale = Number(option('time-scale', process.env.DEVIN_EMULATOR_TIME_SCALE || 1));
	const emulator = await startEmulator({ port, host: option('host', '127.0.0.1'), timeScale });
	const info = emulator.info();
	const lines = [
		`Devin API emulator listening on ${info.url}`,
		'',
		'Use these in a Devin API credential:',
		`  Base URL          ${info.url}`,
		`  API Key (v3)      ${info.keys.service}`,
		`  Organization ID   ${info.orgId}   (or leave empty: it is looked up from the key)`,
		`  API Key (v1)      ${info.keys.legacy}   (legacy, with API Version Auto or v1)`,
		'',
		`Sessions finish about ${Math.round(120 / timeScale)} s after they start (clock x${timeScale}).`,
		'Add #needs-input, #approval, #fail, #blocked or #stall to a prompt to choose another ending.',
		`Controls and all keys: ${info.url}/_emulator/info   Stop: Ctrl-C`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	const stop = async () => {
		await emulator.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`Could not start the Devin API emulator: ${error.message}\n`);
	process.exit(1);
});
