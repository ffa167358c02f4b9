import fc from 'fast-check';

import { guardTag, pickWinner } from '../../../../nodes/Devin/helpers/idempotency';

describe('guardTag', () => {
	it('is the same for the same key, differs by key and kind, and never shows the key', () => {
		expect(guardTag('key', 'TICKET-42')).toBe(guardTag('key', 'TICKET-42'));
		expect(guardTag('key', 'TICKET-42')).not.toBe(guardTag('key', 'TICKET-43'));
		expect(guardTag('key', 'TICKET-42')).not.toBe(guardTag('title', 'TICKET-42'));
		expect(guardTag('key', 'TICKET-42')).toMatch(/^n8n-idem-[0-9a-f]{20}$/);
		expect(guardTag('key', 'TICKET-42')).not.toContain('42');
	});
});

describe('pickWinner', () => {
	it('picks the earliest created session, then the lowest ID, from v3 seconds or v1 ISO dates', () => {
		expect(
			pickWinner([
				{ session_id: 'devin-b', created_at: 100 },
				{ session_id: 'devin-c', created_at: 99 },
				{ session_id: 'devin-a', created_at: 100 },
			])?.session_id,
		).toBe('devin-c');
		expect(
			pickWinner([
				{ session_id: 'devin-b', created_at: 100 },
				{ session_id: 'devin-a', created_at: 100 },
			])?.session_id,
		).toBe('devin-a');
		expect(
			pickWinner([
				{ session_id: 'devin-x', created_at: '2026-12-01T10:00:01Z' },
				{ session_id: 'devin-y', created_at: '2026-12-01T10:00:00Z' },
			])?.session_id,
		).toBe('devin-y');
		expect(pickWinner([])).toBeUndefined();
	});

	it('gives every execution the same winner, whatever order the list comes in', () => {
		const session = fc.record({
			session_id: fc.stringMatching(/^devin-[0-9a-f]{4}$/),
			created_at: fc.integer({ min: 0, max: 5 }),
		});
		fc.assert(
			fc.property(
				fc.uniqueArray(session, { selector: (s) => s.session_id, minLength: 1 }),
				(list) => {
					const winner = pickWinner(list) as { session_id: string; created_at: number };
					const shuffled = [...list].reverse();
					expect(pickWinner(shuffled)).toBe(winner);
					for (const other of list) {
						const earlier =
							other.created_at < winner.created_at ||
							(other.created_at === winner.created_at && other.session_id < winner.session_id);
						expect(earlier).toBe(false);
					}
				},
			),
		);
	});
});
