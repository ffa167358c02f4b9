'use strict';

/** Reading what n8n ran (execution run data) and what the emulator saw (its request log). */
const assert = require('node:assert/strict');

/** The items a node put out on its first (or given) output in an execution's run data. */
function itemsOf(result, nodeName, output = 0) {
	const runs = result.json?.data?.resultData?.runData?.[nodeName];
	assert.ok(
		runs,
		`"${nodeName}" did not run; nodes that ran: ${Object.keys(result.json?.data?.resultData?.runData ?? {}).join(', ')}`,
	);
	return runs[0]?.data?.main?.[output] ?? [];
}

function requestsSince(emulator, seq) {
	return emulator.requests.filter((entry) => entry.seq > seq);
}

const lastSeq = (emulator) => emulator.requests.at(-1)?.seq ?? 0;

function describeLog(entries) {
	return entries
		.map((entry) => `${entry.method} ${entry.path} ${entry.status} ${entry.key}`)
		.join('\n');
}

module.exports = { itemsOf, requestsSince, lastSeq, describeLog };
