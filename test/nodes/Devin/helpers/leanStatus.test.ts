import type { IDataObject } from 'n8n-workflow';

import { describeStatus, withOneStatus } from '../../../../nodes/Devin/helpers/leanStatus';
import { classifySession } from '../../../../nodes/Devin/helpers/lifecycle';
import { formatOutput } from '../../../../nodes/Devin/helpers/mapping';

const lean = (session: IDataObject) =>
	withOneStatus(formatOutput('session', session, { raw: false, lean: true }), session);

describe('one coherent status for an AI agent', () => {
	it.each([
		[{ status: 'new' }, 'working', 'Devin is starting up'],
		[{ status: 'resuming' }, 'working', 'Devin is resuming work'],
		[{ status: 'running', status_detail: 'working' }, 'working', 'Devin is working on the task'],
		[{ status: 'running' }, 'working', 'Devin is working on the task'],
		[
			{ status: 'running', status_detail: 'waiting_for_user' },
			'waitingForUser',
			'Devin is waiting for a reply; send it a message to continue',
		],
		[
			{ status: 'running', status_detail: 'finished' },
			'finished',
			'Devin finished the task; the session stays open for follow-up messages',
		],
		[{ status: 'exit' }, 'finished', 'The session has ended'],
		[{ status: 'error' }, 'failed', 'The session ended with an error and cannot continue'],
		[
			{ status: 'suspended', status_detail: 'error' },
			'failed',
			'The session ended with an error and cannot continue',
		],
		[
			{ status: 'suspended', status_detail: 'user_request' },
			'suspended',
			'The session was paused by a user; a message wakes it up',
		],
		[
			{ status: 'suspended', status_detail: 'org_usage_limit_exceeded' },
			'blocked',
			'The session stopped (org usage limit exceeded); it needs an admin',
		],
		[
			{ status_enum: 'blocked' },
			'waitingForUser',
			'Devin is waiting for a reply; send it a message to continue',
		],
		[{ status_enum: 'expired' }, 'failed', 'The session ended with an error and cannot continue'],
		[{ status: 'paused_for_review' }, 'unknown', 'Devin reports the status "paused_for_review"'],
	])('%j is %s: "%s"', (session, phase, status) => {
		const output = lean({ session_id: 'devin-1', ...session });
		expect(output.phase).toBe(phase);
		expect(output.status).toBe(status);
		expect(output).not.toHaveProperty('statusDetail');
		expect(output).not.toHaveProperty('statusEnum');
	});

	it('leaves out empty fields and keeps the rest', () => {
		const output = lean({
			session_id: 'devin-1',
			status: 'running',
			status_detail: 'finished',
			title: null,
			structured_output: null,
			pull_requests: [{ pr_url: 'https://github.com/acme/web/pull/1', pr_state: 'open' }],
			tags: [],
		});
		expect(output).toEqual({
			sessionId: 'devin-1',
			status: 'Devin finished the task; the session stays open for follow-up messages',
			pullRequests: [{ prUrl: 'https://github.com/acme/web/pull/1', prState: 'open' }],
			tags: [],
			phase: 'finished',
		});
	});

	it('has a sentence for every phase a session can be in', () => {
		for (const phase of [
			'working',
			'waitingForUser',
			'finished',
			'failed',
			'suspended',
			'blocked',
		] as const)
			expect(describeStatus(phase, {})).toMatch(/\S/);
		expect(describeStatus(classifySession({}), {})).toBeUndefined();
	});
});
