import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';
import { failure } from '../../../../helpers/failure';

const ctx = useEmulator();

const seed = () =>
	ctx.emulator.seedSessions(1, { status: 'running', status_detail: 'working' })[0] as {
		session_id: string;
	};
const locator = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe('session.terminate', () => {
	it('ends the session for good', async () => {
		const session = seed();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: {
				resource: 'session',
				operation: 'terminate',
				sessionId: locator(session.session_id),
			},
		});
		expect(item.json).toMatchObject({
			sessionId: session.session_id,
			status: 'exit',
			phase: 'finished',
			isArchived: false,
		});
		const [request] = apiRequests(ctx.emulator, 'DELETE');
		expect(request.path).toBe(`/v3/organizations/org-emulator-demo/sessions/${session.session_id}`);
		expect(request.query).toEqual({ archive: ['false'] });
	});

	it('can archive it on the way out', async () => {
		const session = seed();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: {
				resource: 'session',
				operation: 'terminate',
				sessionId: locator(session.session_id),
				archive: true,
			},
		});
		expect(item.json).toMatchObject({ status: 'exit', isArchived: true });
		expect(apiRequests(ctx.emulator, 'DELETE')[0].query).toEqual({ archive: ['true'] });
	});

	it('terminates in v1 and says archiving needs v3', async () => {
		const session = seed();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: {
				resource: 'session',
				operation: 'terminate',
				sessionId: locator(session.session_id),
			},
		});
		expect(item.json).toEqual({
			sessionId: session.session_id,
			terminated: true,
			detail: 'Session terminated successfully',
		});
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: {
					resource: 'session',
					operation: 'terminate',
					sessionId: locator(session.session_id),
					archive: true,
				},
			}),
		);
		expect(error.message).toBe(
			'Archive on terminate is only available in Devin API v3; this credential uses v1',
		);
		expect(apiRequests(ctx.emulator, 'DELETE')).toHaveLength(1);
	});
});

describe('session.archive', () => {
	it('archives and puts a running session to sleep', async () => {
		const session = seed();
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: {
				resource: 'session',
				operation: 'archive',
				sessionId: locator(session.session_id),
			},
		});
		expect(item.json).toMatchObject({ isArchived: true, status: 'suspended', phase: 'suspended' });
		expect(apiRequests(ctx.emulator, 'POST')[0].path).toBe(
			`/v3/organizations/org-emulator-demo/sessions/${session.session_id}/archive`,
		);
	});

	it('says clearly that v1 cannot archive, before any request', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: { resource: 'session', operation: 'archive', sessionId: locator('devin-abc') },
			}),
		);
		expect(error.message).toBe(
			'Archive is only available in Devin API v3; this credential uses v1',
		);
		expect(error.description).toMatch(/cog_ service-user key/);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});
