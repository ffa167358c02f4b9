'use strict';

/** The emulator in its own process, so its work and memory never count as the node's. */
const { startEmulator } = require('../../emulator');

startEmulator(JSON.parse(process.argv[2] || '{}')).then(
	(emulator) => process.send({ url: emulator.url, info: emulator.info() }),
	(error) => {
		process.stderr.write(`${error.stack}\n`);
		process.exit(1);
	},
);
process.on('disconnect', () => process.exit(0));
