'use strict';

/**
 * Peak heap growth of one Session → Get Many Return All, in a process of its own (started with
 * --expose-gc) so nothing else allocates meanwhile.
 *   live:     the heap after a full garbage collection, sampled every millisecond between pages
 *             and every 250 output items while the items are made: what the node holds at once.
 *   unforced: the same samples without collecting first, which adds whatever garbage V8 has not
 *             collected yet (its young generation alone may hold 16 MB).
 */
const path = require('node:path');
const { DIST, runNode } = require('./harness');

const mapping = require(path.join(DIST, 'nodes', 'Devin', 'helpers', 'mapping.js'));
const formatOutput = mapping.formatOutput;

process.once('message', async ({ parameters, credentials }) => {
	try {
		const peaks = {};
		for (const mode of ['unforced', 'live']) {
			// A run first, so compiled code and caches do not count; its output is then released.
			await runNode(parameters, credentials);
			await runNode({ ...parameters, returnAll: false, limit: 1 }, credentials);
			global.gc();
			const base = process.memoryUsage().heapUsed;
			let peak = base;
			const sample = () => {
				if (mode === 'live') global.gc();
				peak = Math.max(peak, process.memoryUsage().heapUsed);
			};
			let made = 0;
			mapping.formatOutput = (...args) => {
				if (++made % 250 === 0) sample();
				return formatOutput(...args);
			};
			const timer = setInterval(sample, 1);
			const output = await runNode(parameters, credentials);
			clearInterval(timer);
			mapping.formatOutput = formatOutput;
			sample();
			peaks[mode] = peak - base;
			peaks.items = output.length;
		}
		process.send(peaks);
	} catch (error) {
		process.send({ error: String(error.stack || error) });
	}
});
