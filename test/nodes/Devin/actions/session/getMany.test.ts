import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { credentialLoads, runNode } from '../../../../helpers/n8n';
import { failure } from '../../../../helpers/failure';

const ctx = useEmulator();

const getMany = (extra: Record<string, unknown> = {}) => ({
	resource: 'session',
	operation: 'getMany',
	...extra,
});

const pageSizes = () =>
	apiRequests(ctx.emulator, 'GET', '/sessions').map(
		(entry) => entry.query.first?.[0] ?? entry.query.limit?.[0],
	);

describe('session.getMany (v3)', () => {
	it('returns 50 sessions by default, one item each, newest first', async () => {
		ctx.emulator.seedSessions(120);
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getMany(),
		});
		expect(output).toHaveLength(50);
		expect(output[0].json.title).toBe('Seeded session 120');
		expect(
			output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
		expect(output[0].json).toHaveProperty('phase', 'finished');
		expect(pageSizes()).toEqual(['50']);
	});

	it('pages through everything with Return All, 200 at a time', async () => {
		ctx.emulator.seedSessions(450);
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getMany({ returnAll: true }),
		});
		expect(output).toHaveLength(450);
		expect(new Set(output.map((item) => item.json.sessionId)).size).toBe(450);
		expect(pageSizes()).toEqual(['200', '200', '200']);
		const afters = apiRequests(ctx.emulator, 'GET', '/sessions').map(
			(entry) => entry.query.after?.[0],
		);
		expect(afters[0]).toBeUndefined();
		expect(afters[1]).toEqual(expect.any(String));
	});

	it('reads 10,000 sessions in exactly 50 requests, loading the credential once', async () => {
		ctx.emulator.seedSessions(10_000);
		credentialLoads.count = 0;
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator, 'service', { organizationId: 'org-emulator-demo' }),
			parameters: getMany({ returnAll: true }),
		});
		expect(output).toHaveLength(10_000);
		expect(apiRequests(ctx.emulator)).toHaveLength(50);
		expect(credentialLoads.count).toBe(1);
	});

	it('stops at the limit and asks only for what it still needs', async () => {
		ctx.emulator.seedSessions(450);
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getMany({ limit: 250 }),
		});
		expect(output).toHaveLength(250);
		expect(pageSizes()).toEqual(['200', '50']);
	});

	it('sends filters as Devin expects: repeated keys, Unix seconds, prefixed IDs', async () => {
		ctx.emulator.seedSessions(3, { tags: ['n8n'] });
		const [tagged] = ctx.emulator.seedSessions(1, {
			tags: ['n8n', 'nightly'],
			origin: 'scheduled',
		});
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: getMany({
				filters: {
					tags: 'n8n, nightly',
					origins: ['scheduled'],
					createdAfter: '2020-01-01T00:00:00Z',
					sessionIds: `${tagged.session_id.replace('devin-', '')}`,
					playbookId: '',
				},
			}),
		});
		expect(output.map((item) => item.json.sessionId)).toEqual([tagged.session_id]);
		const [request] = apiRequests(ctx.emulator, 'GET', '/sessions');
		expect(request.query).toEqual({
			tags: ['n8n', 'nightly'],
			origins: ['scheduled'],
			created_after: ['1577836800'],
			session_ids: [tagged.session_id],
			first: ['50'],
		});
	});

	it('refuses an origin Devin does not know before asking', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: getMany({ filters: { origins: ['carrier-pigeon'] } }),
			}),
		);
		expect(error.message).toMatch(/^Origins: "carrier-pigeon" is not one of api, automation, /);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it("surfaces Devin's 422 naming the bad field", async () => {
		ctx.emulator.addFault({
			path: '/sessions',
			status: 422,
			body: { detail: [{ loc: ['query', 'tags', 0], msg: 'Tag is too long' }] },
		});
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: getMany({ filters: { tags: 'x' } }),
			}),
		);
		expect(error.message).toBe('The Devin API answered 422: tags.0: Tag is too long');
		expect(error.httpCode).toBe('422');
	});
});

describe('session.getMany (v1)', () => {
	it('pages with limit/offset and reads the sessions list', async () => {
		ctx.emulator.seedSessions(250, { tags: ['n8n'] });
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: getMany({ returnAll: true, filters: { tags: 'n8n' } }),
		});
		expect(output).toHaveLength(250);
		expect(output[0].json).toMatchObject({ statusEnum: 'finished', phase: 'finished' });
		const queries = apiRequests(ctx.emulator, 'GET', '/v1/sessions').map((entry) => entry.query);
		expect(queries).toEqual([
			{ tags: ['n8n'], limit: ['100'], offset: ['0'] },
			{ tags: ['n8n'], limit: ['100'], offset: ['100'] },
			{ tags: ['n8n'], limit: ['100'], offset: ['200'] },
		]);
	});

	it('rejects filters that only v3 has before sending', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: getMany({ filters: { origins: ['api'] } }),
			}),
		);
		expect(error.message).toBe(
			'Origins is only available in Devin API v3; this credential uses v1',
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});
});
