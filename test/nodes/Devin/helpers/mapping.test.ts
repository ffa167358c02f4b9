import fc from 'fast-check';

import {
	formatOutput,
	snakeToCamel,
	toCamelCase,
	toIsoTimestamp,
} from '../../../../nodes/Devin/helpers/mapping';

describe('toCamelCase', () => {
	it('renames snake_case keys deeply, inside arrays too', () => {
		const session = {
			session_id: 'devin-1',
			acus_consumed: 1.5,
			pull_requests: [{ pr_url: 'https://github.com/a/b/pull/1', pr_state: 'open' }],
			end_cursor: null,
		};
		expect(toCamelCase(session)).toEqual({
			sessionId: 'devin-1',
			acusConsumed: 1.5,
			pullRequests: [{ prUrl: 'https://github.com/a/b/pull/1', prState: 'open' }],
			endCursor: null,
		});
	});

	it('never renames the user data inside structured output or schemas', () => {
		const output = {
			structured_output: { root_cause: 'x', nested_list: [{ file_path: 'a.ts' }] },
			structured_output_schema: { type: 'object', properties: { root_cause: { type: 'string' } } },
		};
		expect(toCamelCase(output)).toEqual({
			structuredOutput: { root_cause: 'x', nested_list: [{ file_path: 'a.ts' }] },
			structuredOutputSchema: { type: 'object', properties: { root_cause: { type: 'string' } } },
		});
	});

	it('leaves values, strings and primitives as they are', () => {
		expect(toCamelCase({ tags: ['snake_case_tag'], title: 'my_title' })).toEqual({
			tags: ['snake_case_tag'],
			title: 'my_title',
		});
		expect(toCamelCase(null)).toBeNull();
		expect(toCamelCase('a_b')).toBe('a_b');
		expect(snakeToCamel('status_detail')).toBe('statusDetail');
		expect(snakeToCamel('alreadyCamel')).toBe('alreadyCamel');
	});
});

describe('formatOutput', () => {
	const raw = { session_id: 'devin-1', status: 'running', status_detail: 'waiting_for_user' };

	it('adds the derived phase to the camelCase session', () => {
		expect(formatOutput('session', raw, { raw: false, lean: false })).toEqual({
			sessionId: 'devin-1',
			status: 'running',
			statusDetail: 'waiting_for_user',
			phase: 'waitingForUser',
		});
	});

	it("returns Devin's JSON untouched for Raw Output", () => {
		expect(formatOutput('session', raw, { raw: true, lean: true })).toBe(raw);
	});

	it('leaves bookkeeping out for an AI agent', () => {
		const session = {
			...raw,
			org_id: 'org-1',
			child_session_ids: [],
			structured_output: { a_b: 1 },
		};
		expect(formatOutput('session', session, { raw: false, lean: true })).toEqual({
			sessionId: 'devin-1',
			status: 'running',
			statusDetail: 'waiting_for_user',
			structuredOutput: { a_b: 1 },
			phase: 'waitingForUser',
		});
	});

	it('gives every timestamp as ISO 8601: Unix seconds converted, ISO strings kept', () => {
		const session = {
			...raw,
			created_at: 1769860800,
			updated_at: 1769860890,
			messages: [{ event_id: 'e1', created_at: 1769860801 }],
			structured_output: { finished_at: 5 },
		};
		expect(formatOutput('session', session, { raw: false, lean: false })).toMatchObject({
			createdAt: '2026-01-31T12:00:00.000Z',
			updatedAt: '2026-01-31T12:01:30.000Z',
			messages: [{ eventId: 'e1', createdAt: '2026-01-31T12:00:01.000Z' }],
			structuredOutput: { finished_at: 5 },
		});
		const schedule = {
			scheduled_session_id: 'sched-1',
			created_at: '2026-01-31T12:00:00Z',
			last_executed_at: null,
		};
		expect(formatOutput('schedule', schedule, { raw: false, lean: false })).toEqual({
			scheduledSessionId: 'sched-1',
			createdAt: '2026-01-31T12:00:00Z',
			lastExecutedAt: null,
		});
		expect(formatOutput('consumption', { date: 1769846400 }, { raw: false, lean: false })).toEqual({
			date: '2026-01-31T08:00:00.000Z',
		});
		expect(formatOutput('schedule', schedule, { raw: true, lean: false })).toBe(schedule);
		expect(formatOutput('session', session, { raw: true, lean: false })).toBe(session);
	});

	it('copies only what it changes: arrays without objects are passed on as they are', () => {
		const tags = ['a_b', 'c'];
		const session = { ...raw, tags, pull_requests: [{ pr_url: 'u' }] };
		const result = formatOutput('session', session, { raw: false, lean: false });
		expect(result.tags).toBe(tags);
		expect(result.pullRequests).toEqual([{ prUrl: 'u' }]);
		expect(session.pull_requests).toEqual([{ pr_url: 'u' }]);
	});
});

describe('toIsoTimestamp', () => {
	it('writes Unix seconds and milliseconds exactly as Date would', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 8_000_000_000 }),
				fc.integer({ min: 100_000_000_000, max: 8_000_000_000_000 }),
				(seconds, ms) => {
					expect(toIsoTimestamp(seconds)).toBe(new Date(seconds * 1000).toISOString());
					expect(toIsoTimestamp(ms)).toBe(new Date(ms).toISOString());
				},
			),
			{ numRuns: 2_000 },
		);
		expect(toIsoTimestamp(1769860800.5)).toBe('2026-01-31T12:00:00.500Z');
		expect(toIsoTimestamp(-86_400)).toBe('1969-12-31T00:00:00.000Z');
	});

	it('leaves what is not a number as it is', () => {
		expect(toIsoTimestamp('2026-01-31T12:00:00Z')).toBe('2026-01-31T12:00:00Z');
		expect(toIsoTimestamp(null)).toBeNull();
		expect(toIsoTimestamp(Number.NaN)).toBeNaN();
	});
});
