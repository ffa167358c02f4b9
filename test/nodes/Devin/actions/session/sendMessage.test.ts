import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';
import { failure } from '../../../../helpers/failure';

const send = (sessionId: string, extra: Record<string, unknown> = {}) => ({
	resource: 'session',
	operation: 'sendMessage',
	sessionId: { __rl: true, mode: 'id', value: sessionId },
	message: 'Use the staging branch',
	...extra,
});

describe('session.sendMessage', () => {
	const ctx = useEmulator();
	const seed = (fields: Record<string, unknown>) =>
		ctx.emulator.seedSessions(1, fields)[0] as { session_id: string };

	it('posts the message and outputs the session Devin returns', async () => {
		const session = seed({ status: 'running', status_detail: 'waiting_for_user' });
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: send(session.session_id),
		});
		expect(item.json).toMatchObject({
			sessionId: session.session_id,
			status: 'running',
			phase: 'working',
		});
		const [post] = apiRequests(ctx.emulator, 'POST');
		expect(post.path).toBe(
			`/v3/organizations/org-emulator-demo/sessions/${session.session_id}/messages`,
		);
		expect(post.body).toEqual({ message: 'Use the staging branch' });
	});

	it('wakes a suspended session', async () => {
		const session = seed({ status: 'suspended', status_detail: 'inactivity' });
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: send(session.session_id),
		});
		expect(item.json).toMatchObject({ status: 'resuming', phase: 'working' });
	});

	it("passes on Devin's refusal for an ended session", async () => {
		const session = seed({ status: 'exit' });
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: send(session.session_id) }),
		);
		expect(error.message).toBe(
			`The Devin API answered 400: Session ${session.session_id} has ended (exit) and cannot receive messages`,
		);
	});

	it('rejects an empty message and unallowed impersonation before sending', async () => {
		const session = seed({ status: 'running', status_detail: 'working' });
		expect(
			(
				await failure(
					runNode({
						credentials: credentialsFor(ctx.emulator),
						parameters: send(session.session_id, { message: ' ' }),
					}),
				)
			).message,
		).toBe('Message: is empty');
		const impersonate = send(session.session_id, {
			additionalFields: { messageAsUserId: 'user-7' },
		});
		expect(
			(
				await failure(
					runNode({ credentials: credentialsFor(ctx.emulator), parameters: impersonate }),
				)
			).message,
		).toBe('Message As User ID: is set, but the credential does not allow impersonation');
		expect(apiRequests(ctx.emulator, 'POST')).toHaveLength(0);
		await runNode({
			credentials: credentialsFor(ctx.emulator, 'admin', { allowImpersonation: true }),
			parameters: impersonate,
		});
		expect(apiRequests(ctx.emulator, 'POST')[0].body).toEqual({
			message: 'Use the staging branch',
			message_as_user_id: 'user-7',
		});
	});

	it('sends to v1 at /message and reports that it was sent', async () => {
		const session = seed({ status: 'running', status_detail: 'waiting_for_user' });
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: send(session.session_id),
		});
		expect(item.json).toEqual({ sessionId: session.session_id, messageSent: true });
		expect(apiRequests(ctx.emulator, 'POST')[0].path).toBe(
			`/v1/sessions/${session.session_id}/message`,
		);
	});
});

describe('session.sendMessage with Wait for Completion', () => {
	// Each request moves the emulator's clock 2 s: Devin picks a message up after 5 s and answers after 60 s.
	const ctx = useEmulator({ advancePerRequestMs: 2_000 });

	it('waits for the turn the message started, not the finished state of the turn before', async () => {
		const [session] = ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'finished',
		}) as Array<{ session_id: string }>;
		const sentAt = ctx.emulator.clock.now();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: send(session.session_id, { waitForCompletion: true, pollIntervalSeconds: 0.01 }),
		});
		expect(item.json.phase).toBe('finished');
		expect(Date.parse(String(item.json.updatedAt))).toBeGreaterThanOrEqual(sentAt + 60_000);
		const gets = apiRequests(ctx.emulator, 'GET', session.session_id);
		expect(gets.length).toBeGreaterThan(20);
	});
});
