import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';
import { failure } from '../../../../helpers/failure';

const ctx = useEmulator();

function seedOne(fields: Record<string, unknown> = {}) {
	const [session] = ctx.emulator.seedSessions(1, {
		status: 'running',
		status_detail: 'waiting_for_user',
		title: 'Needs an answer',
		structured_output: { root_cause: 'race', fixed_files: ['a.ts'] },
		pull_requests: [{ pr_url: 'https://github.com/acme/web/pull/7', pr_state: 'open' }],
		...fields,
	});
	return session as { session_id: string };
}

const get = (sessionId: unknown, extra: Record<string, unknown> = {}) => ({
	resource: 'session',
	operation: 'get',
	sessionId,
	...extra,
});

describe('session.get', () => {
	it.each([
		['From List', (id: string) => ({ __rl: true, mode: 'list', value: id })],
		['By ID with prefix', (id: string) => ({ __rl: true, mode: 'id', value: id })],
		[
			'By ID without prefix',
			(id: string) => ({ __rl: true, mode: 'id', value: id.replace('devin-', '') }),
		],
		[
			'By URL',
			(id: string) => ({
				__rl: true,
				mode: 'url',
				value: `https://app.devin.ai/sessions/${id.replace('devin-', '')}`,
			}),
		],
	])('finds the session %s', async (_mode, locator) => {
		const session = seedOne();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: get(locator(session.session_id)),
		});
		expect(item.json).toMatchObject({
			sessionId: session.session_id,
			status: 'running',
			statusDetail: 'waiting_for_user',
			phase: 'waitingForUser',
			pullRequests: [{ prUrl: 'https://github.com/acme/web/pull/7', prState: 'open' }],
			structuredOutput: { root_cause: 'race', fixed_files: ['a.ts'] },
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(apiRequests(ctx.emulator, 'GET', '/sessions/')[0].path).toBe(
			`/v3/organizations/org-emulator-demo/sessions/${session.session_id}`,
		);
	});

	it("gives Devin's Unix-second timestamps as ISO 8601, and untouched with Raw Output", async () => {
		const created = Date.UTC(2026, 0, 31, 12, 0, 0);
		const session = seedOne({ created_at: created, updated_at: created + 90_000 });
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: get(session.session_id),
		});
		expect(item.json).toMatchObject({
			createdAt: '2026-01-31T12:00:00.000Z',
			updatedAt: '2026-01-31T12:01:30.000Z',
		});
		const [raw] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: get(session.session_id, { options: { rawOutput: true } }),
		});
		expect(raw.json).toMatchObject({ created_at: created / 1000, updated_at: created / 1000 + 90 });
	});

	it("returns Devin's JSON untouched with Raw Output", async () => {
		const session = seedOne();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: get(session.session_id, { options: { rawOutput: true } }),
		});
		expect(item.json).toMatchObject({
			session_id: session.session_id,
			status_detail: 'waiting_for_user',
		});
		expect(item.json).not.toHaveProperty('phase');
		expect(item.json).not.toHaveProperty('sessionId');
	});

	it('says a missing session is not in the organization', async () => {
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: get('devin-doesnotexist') }),
		);
		expect(error.message).toBe('The Devin API answered 404: Session devin-doesnotexist not found');
		expect(error.description).toMatch(
			/Session devin-doesnotexist was not found in organization org-emulator-demo/,
		);
		expect(error.httpCode).toBe('404');
	});

	it("cannot see another organization's session", async () => {
		const [other] = ctx.emulator.seedSessions(1, { org_id: 'org-emulator-other', status: 'exit' });
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: get(other.session_id) }),
		);
		expect(error.httpCode).toBe('404');
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'other'),
			parameters: get(other.session_id),
		});
		expect(item.json.orgId).toBe('org-emulator-other');
	});

	it('rejects an ID that is not a session ID before sending', async () => {
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: get('../../self') }),
		);
		expect(error.message).toMatch(/^Session: /);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('reads a v1 session with its status_enum and messages', async () => {
		const session = seedOne({ status: 'running', status_detail: 'finished' });
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: get(session.session_id),
		});
		expect(item.json).toMatchObject({
			sessionId: session.session_id,
			statusEnum: 'finished',
			phase: 'finished',
		});
		expect(item.json.messages).toEqual([
			expect.objectContaining({ type: 'initial_user_message', eventId: expect.any(String) }),
		]);
		expect(apiRequests(ctx.emulator, 'GET')[0].path).toBe(`/v1/sessions/${session.session_id}`);
	});
});
