import { failure } from '../../../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();

const tagOperation = (operation: string, sessionId: string, tags?: string) => ({
	resource: 'tag',
	operation,
	sessionId: { __rl: true, mode: 'id', value: sessionId },
	...(tags === undefined ? {} : { tags }),
});

const seed = (tags: string[]) => ctx.emulator.seedSessions(1, { tags, status: 'exit' })[0];

describe('tags (v3)', () => {
	it("gets, adds without duplicates and replaces a session's tags", async () => {
		const session = seed(['a']);
		const credentials = credentialsFor(ctx.emulator);
		const [got] = await runNode({
			credentials,
			parameters: tagOperation('get', session.session_id),
		});
		expect(got.json).toEqual({ sessionId: session.session_id, tags: ['a'] });
		const [added] = await runNode({
			credentials,
			parameters: tagOperation('add', session.session_id, 'a, b'),
		});
		expect(added.json.tags).toEqual(['a', 'b']);
		expect(apiRequests(ctx.emulator, 'POST', '/tags')[0].body).toEqual({ tags: ['a', 'b'] });
		const [replaced] = await runNode({
			credentials,
			parameters: tagOperation('replace', session.session_id, 'z'),
		});
		expect(replaced.json.tags).toEqual(['z']);
		const [cleared] = await runNode({
			credentials,
			parameters: tagOperation('replace', session.session_id, ''),
		});
		expect(cleared.json.tags).toEqual([]);
	});

	it('refuses more than 50 tags and an empty add before sending', async () => {
		const session = seed([]);
		const tooMany = Array.from({ length: 51 }, (_, index) => `t${index}`).join(',');
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: tagOperation('replace', session.session_id, tooMany),
			}),
		);
		expect(error.message).toBe('Tags: has 51 entries; Devin accepts at most 50');
		const empty = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: tagOperation('add', session.session_id, ' , '),
			}),
		);
		expect(empty.message).toBe('Tags: is empty');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});

describe('tags (v1)', () => {
	it('adds by reading the tags, merging and replacing, so none are dropped', async () => {
		const session = seed(['keep', 'also']);
		const [added] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: tagOperation('add', session.session_id, 'also, new'),
		});
		expect(added.json.tags).toEqual(['keep', 'also', 'new']);
		const [put] = apiRequests(ctx.emulator, 'PUT');
		expect(put.path).toBe(`/v1/sessions/${session.session_id}/tags`);
		expect(put.body).toEqual({ tags: ['keep', 'also', 'new'] });
		expect(ctx.emulator.store.get(session.session_id)?.tags).toEqual(['keep', 'also', 'new']);
	});

	it('refuses an add that would pass 50 tags, before writing', async () => {
		const session = seed(Array.from({ length: 49 }, (_, index) => `t${index}`));
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: tagOperation('add', session.session_id, 'x, y'),
			}),
		);
		expect(error.message).toBe('Tags: would give the session 51 tags; Devin accepts at most 50');
		expect(apiRequests(ctx.emulator, 'PUT')).toHaveLength(0);
	});

	it('gets and replaces', async () => {
		const session = seed(['old']);
		const credentials = credentialsFor(ctx.emulator, 'legacy');
		expect(
			(await runNode({ credentials, parameters: tagOperation('get', session.session_id) }))[0].json
				.tags,
		).toEqual(['old']);
		expect(
			(
				await runNode({
					credentials,
					parameters: tagOperation('replace', session.session_id, 'new'),
				})
			)[0].json.tags,
		).toEqual(['new']);
	});
});
