import { formatOutput, snakeToCamel, toCamelCase } from '../../../../nodes/Devin/helpers/mapping';

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

	it("gives schedules' ISO timestamps as Unix seconds, like every other resource", () => {
		const schedule = {
			scheduled_session_id: 'sched-1',
			created_at: '2026-01-31T12:00:00Z',
			last_executed_at: null,
		};
		expect(formatOutput('schedule', schedule, { raw: false, lean: false })).toEqual({
			scheduledSessionId: 'sched-1',
			createdAt: 1769860800,
			lastExecutedAt: null,
		});
		expect(formatOutput('schedule', schedule, { raw: true, lean: false })).toBe(schedule);
	});
});
