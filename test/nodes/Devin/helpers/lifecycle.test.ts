import {
	classifySession,
	hasSessionEnded,
	type SessionPhase,
} from '../../../../nodes/Devin/helpers/lifecycle';

describe('classifySession (v3 status × status_detail)', () => {
	const cases: Array<[string, string | null, SessionPhase]> = [
		['new', null, 'working'],
		['claimed', null, 'working'],
		['resuming', null, 'working'],
		['running', 'working', 'working'],
		['running', null, 'working'],
		['running', 'waiting_for_user', 'waitingForUser'],
		['running', 'waiting_for_approval', 'waitingForUser'],
		['running', 'finished', 'finished'],
		['exit', null, 'finished'],
		['error', null, 'failed'],
		['suspended', 'error', 'failed'],
		['suspended', 'inactivity', 'suspended'],
		['suspended', 'user_request', 'suspended'],
		['suspended', null, 'suspended'],
		['suspended', 'usage_limit_exceeded', 'blocked'],
		['suspended', 'org_usage_limit_exceeded', 'blocked'],
		['suspended', 'total_session_limit_exceeded', 'blocked'],
		['suspended', 'out_of_credits', 'blocked'],
		['suspended', 'out_of_quota', 'blocked'],
		['suspended', 'no_quota_allocation', 'blocked'],
		['suspended', 'payment_declined', 'blocked'],
		['suspended', 'monthly_spend_limit_reached', 'blocked'],
		['teleported', null, 'unknown'],
	];
	it.each(cases)('%s + %s → %s', (status, detail, phase) => {
		expect(classifySession({ status, status_detail: detail })).toBe(phase);
	});
});

describe('classifySession (v1 status_enum)', () => {
	const cases: Array<[string, SessionPhase]> = [
		['working', 'working'],
		['resumed', 'working'],
		['resume_requested', 'working'],
		['blocked', 'waitingForUser'],
		['finished', 'finished'],
		['expired', 'failed'],
		['suspend_requested', 'suspended'],
	];
	it.each(cases)('%s → %s', (statusEnum, phase) => {
		expect(classifySession({ status: 'running', status_enum: statusEnum })).toBe(phase);
	});
});

describe('hasSessionEnded', () => {
	it('is true only when the session can never change again', () => {
		expect(hasSessionEnded({ status: 'exit' })).toBe(true);
		expect(hasSessionEnded({ status: 'error' })).toBe(true);
		expect(hasSessionEnded({ status: 'running', status_detail: 'finished' })).toBe(false);
		expect(hasSessionEnded({ status: 'suspended', status_detail: 'inactivity' })).toBe(false);
		expect(hasSessionEnded({ status_enum: 'expired' })).toBe(true);
		expect(hasSessionEnded({ status_enum: 'finished' })).toBe(false);
	});
});
