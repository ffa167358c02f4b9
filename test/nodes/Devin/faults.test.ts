import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ORG_ID, startEmulator, type Emulator, type LoggedRequest } from '../../../emulator';
import {
	MAX_RATE_LIMIT_RETRIES,
	MAX_SERVER_RETRIES,
	RETRY_BASE_DELAY_MS,
} from '../../../nodes/Devin/constants';
import { credentialsFor } from '../../helpers/emulator';
import { FAULTS, RAW_JAVASCRIPT, type FaultCase } from '../../helpers/faults';
import { runNodeOutputs, type DevinCredentials } from '../../helpers/n8n';
import {
	allOperations,
	fixturesFor,
	inputItems,
	seedFixtures,
	validParameters,
	type Operation,
} from '../../helpers/operations';
import { waitsOf, withShortTimeout } from '../../helpers/timing';

jest.mock('../../../nodes/Devin/constants', () =>
	jest.requireActual('../../helpers/timing').fastConstants(),
);
jest.mock('../../../nodes/Devin/transport/sleep', () =>
	jest.requireActual('../../helpers/timing').recordingSleep(),
);

/**
 * The fault matrix: every operation of every resource, read from the node's description, against
 * every fault in `FAULTS`, on every API request the operation makes. Each fault lasts, so a read
 * spends its whole retry budget; the matrix checks what a user would see and what Devin received.
 */

const OPERATIONS = allOperations();

/** Requests whose answer body is not read, so any 200 is a success for them. */
const BODY_UNREAD = [
	// A delete outputs {deleted, id}.
	/^DELETE \/v3\/organizations\/[^/]+\/(knowledge|playbooks|secrets|schedules)\//,
	/^DELETE \/v1\/(knowledge|playbooks|secrets)\//,
	/^DELETE \/v3\/enterprise\/consumption\/acu-limits\/devin\/organizations\//,
	// A download keeps whatever it gets as the file.
	/^GET \/v(3\/organizations\/[^/]+|1)\/attachments\//,
];
/** Answers Devin documents without an ID field: an object of any content will do. */
const NO_DOCUMENTED_ID = [
	/^GET \/v3\/enterprise\/consumption\/daily$/,
	// Devin documents the PUT's body, not its answer: the node outputs the limit it set.
	/^PUT \/v3\/enterprise\/consumption\/acu-limits\/devin\/organizations\/[^/]+$/,
	// v1 answers {detail} (or nothing) to these, and names catalog IDs differently per catalog.
	/^GET \/v1\/enterprise\/consumption$/,
	/^(POST|DELETE|PUT) \/v1\/sessions\/:id(\/message|\/tags)?$/,
	/^POST \/v1\/(knowledge|playbooks)$/,
	/^(PUT|GET) \/v1\/(knowledge|playbooks)\/:id$/,
];
/** v1 answers a message and a terminate with nothing at all, or null. */
const MAY_BE_EMPTY = [/^(POST|DELETE) \/v1\/sessions\/:id(\/message)?$/];
/** The API generations the matrix runs in, with a key of each; v1 meets the answer faults. */
const GENERATIONS = {
	v3: { key: 'enterprise', organizationId: ORG_ID },
	v1: { key: 'legacy', organizationId: '' },
} as const;
type Generation = keyof typeof GENERATIONS;

const RESENDABLE = new Set(['GET', 'PUT', 'DELETE']);

interface Hosts {
	main: Emulator;
	other: Emulator;
}

async function startHosts(): Promise<Hosts> {
	const [main, other] = await Promise.all([
		startEmulator({ manualClock: true }),
		startEmulator({ manualClock: true }),
	]);
	return { main, other };
}

/** A few emulators, each lent to one case at a time, so cases can wait out timeouts side by side. */
class HostPool {
	private readonly free: Hosts[] = [];
	private readonly waiting: Array<(hosts: Hosts) => void> = [];
	private readonly all: Hosts[] = [];
	constructor(private readonly size: number) {}

	async acquire(): Promise<Hosts> {
		const ready = this.free.pop();
		if (ready) return ready;
		if (this.all.length < this.size) {
			const hosts = await startHosts();
			this.all.push(hosts);
			return hosts;
		}
		return await new Promise((resolve) => this.waiting.push(resolve));
	}

	/**
	 * Takes the hosts back. After a hang they are replaced: a request the node gave up on may still
	 * reach them late and must not land in another case's log.
	 */
	async release(hosts: Hosts, replace: boolean): Promise<void> {
		let next = hosts;
		if (replace) {
			await Promise.all([hosts.main.close(), hosts.other.close()]);
			next = await startHosts();
			this.all[this.all.indexOf(hosts)] = next;
		}
		const waiter = this.waiting.shift();
		if (waiter) waiter(next);
		else this.free.push(next);
	}

	async close(): Promise<void> {
		for (const { main, other } of this.all) await Promise.all([main.close(), other.close()]);
	}
}

const pool = new HostPool(12);
afterAll(async () => await pool.close());

const apiLog = (emulator: Emulator) =>
	emulator.requests.filter((entry) => /^\/v[13]\//.test(entry.path));
/** A request as `METHOD /path`, IDs (which differ from run to run) as `:id`. */
const label = (entry: Pick<LoggedRequest, 'method' | 'path'>) =>
	`${entry.method} ${entry.path
		.split('/')
		.map((segment) => (/\d/.test(segment) && !/^v\d/.test(segment) ? ':id' : segment))
		.join('/')}`;

function credentials(emulator: Emulator, generation: Generation): DevinCredentials {
	const { key, organizationId } = GENERATIONS[generation];
	return credentialsFor(emulator, key, { organizationId });
}

interface Run {
	output: INodeExecutionData[];
	log: LoggedRequest[];
	waits: number[];
	other: LoggedRequest[];
}

async function run(
	operation: Operation,
	hosts: Hosts,
	generation: Generation,
	fault?: FaultCase,
	skip = 0,
): Promise<Run> {
	hosts.main.reset();
	hosts.other.reset();
	const fixtures = await seedFixtures(hosts.main, fixturesFor(operation));
	if (fault) hosts.main.addFault({ ...fault.fault(hosts.other), skip });
	const controller = new AbortController();
	// Only the request that hangs waits out the short timeout; the others keep Devin's 30 s.
	// Every output together: Check Status sends an error where a wait loop ends (Failed).
	const outputs = await withShortTimeout(fault?.class === 'timeout' ? skip : undefined, () =>
		runNodeOutputs({
			credentials: credentials(hosts.main, generation),
			parameters: validParameters(operation, fixtures),
			items: inputItems(operation),
			continueOnFail: true,
			abortSignal: controller.signal,
		}),
	);
	return {
		output: outputs.flat(),
		log: apiLog(hosts.main),
		waits: waitsOf(controller.signal),
		other: hosts.other.requests,
	};
}

/**
 * The API requests an operation makes when nothing goes wrong (computed once per operation and
 * generation); `v3 only` for an operation v1 lacks, which it refuses before any request.
 */
const cleanRuns = new Map<string, Promise<LoggedRequest[] | 'v3 only'>>();
function cleanRequests(
	operation: Operation,
	generation: Generation,
): Promise<LoggedRequest[] | 'v3 only'> {
	const key = `${generation} ${operation.name}`;
	let pending = cleanRuns.get(key);
	if (!pending) {
		pending = (async () => {
			const hosts = await pool.acquire();
			try {
				const { output, log } = await run(operation, hosts, generation);
				const error = output.find((item) => item.json.error !== undefined)?.json.error;
				if (generation === 'v1' && /only available in Devin API v3/.test(String(error))) {
					expect(log).toEqual([]);
					return 'v3 only';
				}
				expect(error).toBeUndefined();
				expect(log.length).toBeGreaterThan(0);
				return log;
			} finally {
				await pool.release(hosts, false);
			}
		})();
		cleanRuns.set(key, pending);
	}
	return pending;
}

/** How many times the failing request must have been sent, and the waits between. */
function expectedAttempts(
	fault: FaultCase,
	resendable: boolean,
): { sent: number; waits?: number[] } {
	const backoff = (count: number) =>
		Array.from({ length: count }, (_, index) => RETRY_BASE_DELAY_MS * 2 ** index);
	if (fault.class === 'rate limit') {
		return {
			sent: 1 + MAX_RATE_LIMIT_RETRIES,
			waits: fault.waits === undefined ? backoff(MAX_RATE_LIMIT_RETRIES) : undefined,
		};
	}
	if (fault.class === 'redirect' || !resendable) return { sent: 1, waits: [] };
	return { sent: 1 + MAX_SERVER_RETRIES, waits: backoff(MAX_SERVER_RETRIES) };
}

function tolerated(fault: FaultCase, request: string): boolean {
	const matches = (patterns: RegExp[]) => patterns.some((pattern) => pattern.test(request));
	if (fault.class !== 'unusable answer' || fault.name.includes('truncated')) return false;
	if (matches(BODY_UNREAD)) return true;
	if (/empty body|JSON null/.test(fault.name) && matches(MAY_BE_EMPTY)) return true;
	return fault.name.includes('missing the documented ID') && matches(NO_DOCUMENTED_ID);
}

let casesRun = 0;

async function checkCase(
	operation: Operation,
	fault: FaultCase,
	slot: number,
	clean: LoggedRequest[],
	generation: Generation,
) {
	const hosts = await pool.acquire();
	try {
		const { output, log, waits, other } = await run(operation, hosts, generation, fault, slot);
		casesRun += 1;
		const target = label(clean[slot]);
		const context = `${operation.name} (${generation}), request ${slot + 1} (${target}) under "${fault.name}"`;
		const key = hosts.main.info().keys[GENERATIONS[generation].key];

		// Never an API key on another host, nor in anything the user sees.
		expect({
			context,
			keyed: other.filter((entry) => entry.key !== null || entry.authorization),
		}).toEqual({ context, keyed: [] });
		expect(JSON.stringify(output)).not.toContain(key);
		// One output item, paired with its input, whatever happened.
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		const json = output[0].json as IDataObject;

		// Everything before the failing request went as in a clean run.
		expect(log.slice(0, slot).map(label)).toEqual(clean.slice(0, slot).map(label));
		const resendable = RESENDABLE.has(clean[slot].method);

		if (tolerated(fault, target)) {
			expect({ context, error: json.error }).toEqual({ context, error: undefined });
			expect(log.map(label)).toEqual(clean.map(label));
			return;
		}

		// A loud, readable failure: the status or the network failure, Devin's words, what to do.
		const text = `${String(json.error)}\n${String(json.description)}`;
		expect({ context, error: typeof json.error }).toEqual({ context, error: 'string' });
		expect({ context, text: RAW_JAVASCRIPT.test(text) ? text : 'clean' }).toEqual({
			context,
			text: 'clean',
		});
		expect(String(json.error)).toMatch(
			/answered \d{3}|The request to the Devin API at \S+ failed: |Could not reach /,
		);
		if (fault.says) expect(String(json.error)).toContain(fault.says);
		expect(String(json.description)).toMatch(
			/try again|run (the node |the workflow )?again|running again|check|set base url|wait a minute/i,
		);
		expect(String(json.description)).toContain(`Request: ${clean[slot].method} `);

		// Sent as often as the retry policy allows, never a non-idempotent request twice.
		const { sent, waits: expectedWaits } = expectedAttempts(fault, resendable);
		const attempts = log.slice(slot).map(label);
		if (fault.class === 'timeout') {
			// A request given up on may reach the emulator only after the run: count what the node sent.
			expect({ context, sent: waits.length + 1 }).toEqual({ context, sent });
			expect(attempts.length).toBeLessThanOrEqual(sent);
			expect(attempts.filter((attempt) => attempt !== target)).toEqual([]);
		} else {
			expect({ context, sent: attempts }).toEqual({
				context,
				sent: Array<string>(sent).fill(target),
			});
		}
		if (expectedWaits) expect({ context, waits }).toEqual({ context, waits: expectedWaits });
		if (typeof fault.waits === 'number')
			expect(waits).toEqual(Array<number>(sent - 1).fill(fault.waits));
		if (Array.isArray(fault.waits)) {
			expect(waits).toHaveLength(sent - 1);
			for (const wait of waits) {
				expect(wait).toBeGreaterThanOrEqual(fault.waits[0]);
				expect(wait).toBeLessThanOrEqual(fault.waits[1]);
			}
		}
		// A request that may have been carried out says so, and says to look before running again.
		const unknownOutcome =
			!resendable &&
			['server error', 'dropped connection', 'timeout', 'unusable answer'].includes(fault.class);
		if (unknownOutcome) {
			expect(String(json.description)).toMatch(/It was not resent.*check .*before running again/);
			if (target === `POST /v3/organizations/${ORG_ID}/sessions`) {
				expect(String(json.description)).toMatch(/started the session anyway, and charges for it/);
			}
		}
	} finally {
		await pool.release(hosts, fault.class === 'timeout');
	}
}

/** v1 shares the transport with v3 but reads other answers: it meets the faults in the answer. */
const V1_FAULTS = FAULTS.filter((fault) => fault.class === 'unusable answer');

const CASES = (['v3', 'v1'] as const).flatMap((generation) =>
	OPERATIONS.flatMap((operation) =>
		(generation === 'v3' ? FAULTS : V1_FAULTS).map(
			(fault) => [operation.name, generation, fault.name, operation, fault] as const,
		),
	),
);

describe('every operation under every fault', () => {
	it.concurrent.each(CASES)('%s (%s): %s', async (_name, generation, _fault, operation, fault) => {
		const clean = await cleanRequests(operation, generation);
		if (clean === 'v3 only') return;
		for (let slot = 0; slot < clean.length; slot++) {
			await checkCase(operation, fault, slot, clean, generation);
		}
	});

	afterAll(async () => {
		// Every request of every operation met every fault of its generation: none was skipped.
		expect(cleanRuns.size).toBe(OPERATIONS.length * 2);
		let expected = 0;
		for (const [key, clean] of cleanRuns) {
			const requests = await clean;
			if (requests === 'v3 only') continue;
			expected += requests.length * (key.startsWith('v3') ? FAULTS : V1_FAULTS).length;
		}
		expect(casesRun).toBe(expected);
	});
});
