'use strict';

/** Small shared pieces of the queue scenarios: gates, reports, sessions and execution records. */

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise with its resolve exposed: the gates between scenarios (restart, kill). */
function gate() {
	let resolve;
	const promise = new Promise((done) => {
		resolve = done;
	});
	return { promise, resolve, then: (...args) => promise.then(...args) };
}

const ENDED = ['success', 'error', 'crashed', 'canceled'];
const ended = (execution) => ENDED.includes(execution.status);

const seconds = (ms) => Math.round(ms / 100) / 10;

/** The JSON bodies the scenario's workflow posted to its emulator's sink, oldest first. */
function reports(emulator, filter = () => true) {
	return emulator.data.sink.map((post) => post.body).filter((body) => body && filter(body));
}

/** The emulator's session list (moved on to its clock's now). */
const sessionsOf = (emulator) => emulator.store.list();

/** The request key ("a-7") a session was created for: every prompt starts with "Queue test <key>". */
const keyOf = (session) => /Queue test (\S+?)[:\s]/.exec(`${session.prompt} `)?.[1];

function countBy(values) {
	const counts = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

/** Devin API requests in an emulator's log, by kind ("POST /sessions", "GET /sessions/:id", …). */
function requestKinds(emulator) {
	return countBy(
		emulator.requests.map(
			(entry) =>
				`${entry.method} ${entry.path
					.replace(/^\/v3\/organizations\/[^/]+/, '')
					.replace(/\/devin-[0-9a-f]+/, '/:id')}`,
		),
	);
}

/** The trigger's polls: first pages of the session list. */
const polls = (emulator, sinceSeq = 0) =>
	emulator.requests.filter(
		(entry) =>
			entry.seq > sinceSeq &&
			entry.method === 'GET' &&
			/\/sessions$/.test(entry.path) &&
			!entry.query.after,
	);

function durations(executions) {
	const list = executions
		.filter((execution) => execution.startedAt && execution.stoppedAt)
		.map((execution) => (Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)) / 1000);
	if (!list.length) return undefined;
	const round = (value) => Math.round(value * 10) / 10;
	return {
		min: round(Math.min(...list)),
		avg: round(list.reduce((sum, value) => sum + value, 0) / list.length),
		max: round(Math.max(...list)),
	};
}

module.exports = {
	sleep,
	gate,
	ended,
	seconds,
	reports,
	sessionsOf,
	keyOf,
	countBy,
	requestKinds,
	polls,
	durations,
};
