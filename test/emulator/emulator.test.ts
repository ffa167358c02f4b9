import axios from 'axios';

import { useEmulator } from '../helpers/emulator';

const ctx = useEmulator();

function api(key: 'service' | 'legacy' | 'readOnly' | 'other' | 'enterprise' = 'service') {
	return axios.create({
		baseURL: ctx.emulator.url,
		headers: { Authorization: `Bearer ${ctx.emulator.info().keys[key]}` },
		validateStatus: () => true,
	});
}
const ORG = '/v3/organizations/org-emulator-demo';

describe('Devin API emulator', () => {
	it('requires a Bearer key of the right generation', async () => {
		expect(
			(await axios.get(`${ctx.emulator.url}/v3/self`, { validateStatus: () => true })).status,
		).toBe(401);
		const legacyOnV3 = await api('legacy').get('/v3/self');
		expect(legacyOnV3.status).toBe(401);
		expect(legacyOnV3.data).toMatchObject({
			title: 'Unauthorized',
			status: 401,
			instance: '/v3/self',
		});
		expect((await api('service').get('/v1/sessions')).status).toBe(401);
	});

	it('answers /v3/self with the principal and its organization', async () => {
		expect((await api().get('/v3/self')).data).toEqual({
			principal_type: 'service_user',
			service_user_id: 'su-emulator-n8n',
			service_user_name: 'n8n (emulator)',
			org_id: 'org-emulator-demo',
		});
		expect((await api('enterprise').get('/v3/self')).data.org_id).toBeNull();
	});

	it("validates like Devin's FastAPI backend: 422 with loc and msg per field", async () => {
		const response = await api().post(`${ORG}/sessions`, {
			title: 'x'.repeat(81),
			tags: Array(51).fill('t'),
			unknown_field: 1,
		});
		expect(response.status).toBe(422);
		expect(
			response.data.detail.map((entry: { loc: string[]; type: string }) => [
				entry.loc.join('.'),
				entry.type,
			]),
		).toEqual([
			['body.prompt', 'missing'],
			['body.title', 'string_too_long'],
			['body.tags', 'too_long'],
			['body.unknown_field', 'extra_forbidden'],
		]);
	});

	it('scopes everything to the organization of the key', async () => {
		const [other] = ctx.emulator.seedSessions(1, { org_id: 'org-emulator-other' });
		expect((await api().get(`${ORG}/sessions/${other.session_id}`)).status).toBe(404);
		expect((await api().get('/v3/organizations/org-emulator-other/sessions')).status).toBe(404);
		expect(
			(await api('other').get(`/v3/organizations/org-emulator-other/sessions/${other.session_id}`))
				.status,
		).toBe(200);
		expect((await api('readOnly').post(`${ORG}/sessions`, { prompt: 'x' })).status).toBe(403);
	});

	it('pages with opaque cursors that stay stable when sessions are added between pages', async () => {
		ctx.emulator.seedSessions(5);
		const first = (await api().get(`${ORG}/sessions`, { params: { first: 2 } })).data;
		expect(first.items.map((session: { title: string }) => session.title)).toEqual([
			'Seeded session 5',
			'Seeded session 4',
		]);
		expect(first.has_next_page).toBe(true);
		ctx.emulator.clock.advance(60_000);
		ctx.emulator.seedSessions(3, { title: 'newer' });
		const second = (
			await api().get(`${ORG}/sessions`, { params: { first: 2, after: first.end_cursor } })
		).data;
		expect(second.items.map((session: { title: string }) => session.title)).toEqual([
			'Seeded session 3',
			'Seeded session 2',
		]);
		const last = (
			await api().get(`${ORG}/sessions`, { params: { first: 200, after: second.end_cursor } })
		).data;
		expect(last).toMatchObject({ has_next_page: false, end_cursor: null });
		expect((await api().get(`${ORG}/sessions`, { params: { first: 201 } })).status).toBe(422);
		expect((await api().get(`${ORG}/sessions`, { params: { after: 'garbage!' } })).status).toBe(
			422,
		);
	});

	it('filters on repeated-key arrays and Unix-second bounds', async () => {
		ctx.emulator.seedSessions(2, { tags: ['a'] });
		ctx.emulator.seedSessions(1, { tags: ['a', 'b'] });
		const both = await api().get(`${ORG}/sessions?tags=a&tags=b`);
		expect(both.data.items).toHaveLength(1);
		const future = Math.floor(ctx.emulator.clock.now() / 1000) + 60;
		expect(
			(await api().get(`${ORG}/sessions`, { params: { updated_after: future } })).data.items,
		).toHaveLength(0);
	});

	it('moves a session through its lifecycle on its clock, withholding status_detail from create', async () => {
		const created = (
			await api().post(`${ORG}/sessions`, {
				prompt: 'Do it',
				structured_output_schema: { type: 'object', properties: { ok: { type: 'boolean' } } },
			})
		).data;
		expect(created).toMatchObject({ status: 'new', status_detail: null, structured_output: null });
		const at = async (ms: number) => {
			ctx.emulator.clock.advance(ms);
			return (await api().get(`${ORG}/sessions/${created.session_id}`)).data;
		};
		expect(await at(6_000)).toMatchObject({ status: 'claimed' });
		expect(await at(10_000)).toMatchObject({ status: 'running', status_detail: 'working' });
		expect((await at(50_000)).pull_requests).toHaveLength(1);
		expect(await at(60_000)).toMatchObject({
			status: 'running',
			status_detail: 'finished',
			structured_output: { ok: true },
		});
		expect(await at(31 * 60_000)).toMatchObject({
			status: 'suspended',
			status_detail: 'inactivity',
		});
		const messages = (
			await api().get(`${ORG}/sessions/${created.session_id}/messages`, { params: { first: 2 } })
		).data;
		expect(messages.items.map((message: { source: string }) => message.source)).toEqual([
			'user',
			'devin',
		]);
		expect(messages.has_next_page).toBe(true);
	});

	it('injects faults on demand and logs every API request', async () => {
		ctx.emulator.addFault({ path: '/v3/self', status: 429, retryAfter: 7 });
		const limited = await api().get('/v3/self');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('7');
		expect((await api().get('/v3/self')).status).toBe(200);
		expect(ctx.emulator.requests.map((entry) => [entry.status, entry.key])).toEqual([
			[429, 'service'],
			[200, 'service'],
		]);
	});

	it('injects every fault the fault matrices need', async () => {
		const client = api();
		ctx.emulator.addFault({ path: '/v3/self', kind: 'empty', skip: 1 });
		expect((await client.get('/v3/self')).data.org_id).toBe('org-emulator-demo');
		const empty = await client.get('/v3/self', { responseType: 'text' });
		expect([empty.status, empty.data]).toEqual([200, '']);

		ctx.emulator.addFault({ path: '/v3/self', kind: 'html', status: 502 });
		const page = await client.get('/v3/self', { responseType: 'text' });
		expect([page.status, page.headers['content-type']]).toEqual([502, 'text/html']);
		expect(page.data).toContain('<title>502 Bad Gateway</title>');

		ctx.emulator.addFault({
			path: '/v3/self',
			kind: 'redirect',
			location: 'https://elsewhere.example/x',
		});
		const moved = await client.get('/v3/self', { maxRedirects: 0 });
		expect([moved.status, moved.headers.location]).toEqual([302, 'https://elsewhere.example/x']);

		ctx.emulator.addFault({ path: '/v3/self', kind: 'truncated' });
		await expect(client.get('/v3/self')).rejects.toThrow();

		ctx.emulator.addFault({ path: '/v3/self', kind: 'hang' });
		await expect(client.get('/v3/self', { timeout: 200 })).rejects.toThrow(/timeout/);

		// An "after" fault hits an error answer too: the request was handled all the same.
		ctx.emulator.addFault({ path: '/sessions/devin-missing', kind: 'reset', after: true });
		await expect(client.get(`${ORG}/sessions/devin-missing`)).rejects.toThrow();

		expect(ctx.emulator.requests.map((entry) => entry.status)).toEqual([
			200,
			200,
			502,
			302,
			'truncated',
			'hang',
			'reset',
		]);
	});

	it('answers in-process for quick seeding, without logging', async () => {
		const created = await ctx.emulator.call('POST', `${ORG}/playbooks`, {
			body: { title: 'Seeded', body: 'Steps' },
		});
		expect(created.status).toBe(200);
		expect(created.body.playbook_id).toEqual(expect.any(String));
		expect((await ctx.emulator.call('GET', `${ORG}/playbooks/nope`)).status).toBe(404);
		expect((await api().get(`${ORG}/playbooks/${created.body.playbook_id}`)).data.title).toBe(
			'Seeded',
		);
		expect(ctx.emulator.requests).toHaveLength(1);
	});

	it('serves the v1 subset with ISO timestamps and status_enum', async () => {
		const created = (await api('legacy').post('/v1/sessions', { prompt: 'x', idempotent: true }))
			.data;
		expect(created).toMatchObject({ is_new_session: true });
		expect(
			(await api('legacy').post('/v1/sessions', { prompt: 'x', idempotent: true })).data.session_id,
		).toBe(created.session_id);
		const listed = (await api('legacy').get('/v1/sessions')).data.sessions[0];
		expect(listed).toMatchObject({ session_id: created.session_id, status_enum: 'working' });
		expect(listed.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
	});

	it('can be steered over HTTP for e2e runs and the demo', async () => {
		const seeded = await axios.post(`${ctx.emulator.url}/_emulator/sessions`, {
			count: 2,
			status: 'running',
			status_detail: 'working',
		});
		const [id] = seeded.data.session_ids;
		await axios.patch(`${ctx.emulator.url}/_emulator/sessions/${id}`, {
			status: 'running',
			status_detail: 'finished',
		});
		expect((await api().get(`${ORG}/sessions/${id}`)).data.status_detail).toBe('finished');
		const info = (await axios.get(`${ctx.emulator.url}/_emulator/info`)).data;
		expect(info).toMatchObject({
			orgId: 'org-emulator-demo',
			keys: { service: expect.stringMatching(/^cog_/), legacy: expect.stringMatching(/^apk_/) },
		});
	});
});
