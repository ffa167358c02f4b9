import { failure } from '../../../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();

const getMessages = (sessionId: string, extra: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'getMany',
	sessionId: { __rl: true, mode: 'id', value: sessionId },
	...extra,
});

function sessionWithMessages(count: number) {
	const [session] = ctx.emulator.seedSessions(1, {
		status: 'running',
		status_detail: 'working',
		prompt: 'Start',
	});
	ctx.emulator.store.patch(session, {
		messages: Array.from({ length: count - 1 }, (_, index) => ({
			source: index % 2 ? 'user' : 'devin',
			message: `m${index + 1}`,
		})),
	});
	return session;
}

describe('message.getMany', () => {
	it("returns a session's conversation oldest first, one item per message, across pages", async () => {
		const session = sessionWithMessages(450);
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getMessages(session.session_id, { returnAll: true }),
		});
		expect(output).toHaveLength(450);
		expect(output[0].json).toMatchObject({
			sessionId: session.session_id,
			message: 'Start',
			source: 'user',
		});
		expect(output[1].json).toMatchObject({
			message: 'm1',
			source: 'devin',
			eventId: expect.any(String),
		});
		expect(
			apiRequests(ctx.emulator, 'GET', '/messages').map((entry) => entry.query.first?.[0]),
		).toEqual(['200', '200', '200']);
	});

	it('stops at the limit', async () => {
		const session = sessionWithMessages(30);
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getMessages(session.session_id, { limit: 5 }),
		});
		expect(output.map((item) => item.json.message)).toEqual(['Start', 'm1', 'm2', 'm3', 'm4']);
	});

	it("reads v1 messages from the session and gives them v3's shape", async () => {
		const session = sessionWithMessages(3);
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: getMessages(session.session_id),
		});
		expect(output.map((item) => [item.json.source, item.json.message, item.json.type])).toEqual([
			['user', 'Start', 'initial_user_message'],
			['devin', 'm1', 'devin_message'],
			['user', 'm2', 'user_message'],
		]);
		expect(apiRequests(ctx.emulator, 'GET')[0].path).toBe(`/v1/sessions/${session.session_id}`);
	});

	it('says when the session does not exist', async () => {
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: getMessages('devin-nope') }),
		);
		expect(error.httpCode).toBe('404');
	});
});
