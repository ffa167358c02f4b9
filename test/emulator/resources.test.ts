import axios from 'axios';

import { useEmulator } from '../helpers/emulator';

const ctx = useEmulator();
const ORG = '/v3/organizations/org-emulator-demo';

function api(key: 'service' | 'legacy' | 'enterprise' | 'readOnly' = 'service') {
	return axios.create({
		baseURL: ctx.emulator.url,
		headers: { Authorization: `Bearer ${ctx.emulator.info().keys[key]}` },
		validateStatus: () => true,
		maxRedirects: 0,
	});
}

function multipart(name: string, content: string) {
	const boundary = 'example-boundary-1234';
	const body = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
	);
	return { body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } };
}

describe('emulator resources', () => {
	it('redirects a download to a presigned link that refuses a second auth mechanism', async () => {
		const upload = multipart('notes.txt', 'hello');
		const created = await api().post(`${ORG}/attachments`, upload.body, {
			headers: upload.headers,
		});
		expect(created.data).toMatchObject({ attachment_id: expect.any(String), name: 'notes.txt' });
		const redirect = await api().get(new URL(created.data.url).pathname);
		expect(redirect.status).toBe(307);
		const location = String(redirect.headers.location);
		const withKey = await axios.get(location, {
			headers: { Authorization: 'Bearer x' },
			validateStatus: () => true,
		});
		expect(withKey.status).toBe(400);
		expect(String(withKey.data)).toContain('Only one auth mechanism allowed');
		const plain = await axios.get(location, { responseType: 'text' });
		expect(plain.data).toBe('hello');
		expect(plain.headers['content-disposition']).toBe('attachment; filename="notes.txt"');
		expect(
			ctx.emulator.requests
				.filter((entry) => entry.path.startsWith('/_presigned/'))
				.map((entry) => [entry.status, entry.authorization]),
		).toEqual([
			[400, true],
			[200, false],
		]);
	});

	it('rejects an upload without a file part in the 422 shape', async () => {
		const response = await api().post(`${ORG}/attachments`, { file: 'no' });
		expect(response.status).toBe(422);
		expect(response.data.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'file'] });
	});

	it("lists every organization's sessions when an enterprise list names none", async () => {
		ctx.emulator.seedSessions(2, { org_id: 'org-emulator-demo' });
		ctx.emulator.seedSessions(3, { org_id: 'org-emulator-other' });
		const all = await api('enterprise').get('/v3/enterprise/sessions');
		expect(new Set(all.data.items.map((session: { org_id: string }) => session.org_id))).toEqual(
			new Set(['org-emulator-demo', 'org-emulator-other']),
		);
		const scoped = await api('enterprise').get('/v3/enterprise/sessions?org_ids=org-emulator-demo');
		expect(scoped.data.items).toHaveLength(2);
	});

	it('pages schedules with limit and offset, answering the cursor envelope', async () => {
		for (let index = 0; index < 3; index++) {
			await api().post(`${ORG}/schedules`, {
				name: `s${index}`,
				prompt: 'p',
				frequency: '0 * * * *',
			});
		}
		const first = await api().get(`${ORG}/schedules?limit=2&offset=0`);
		expect(first.data).toMatchObject({ has_next_page: true, end_cursor: null, total: 3 });
		expect(first.data.items).toHaveLength(2);
		expect(first.data.items[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		const second = await api().get(`${ORG}/schedules?limit=2&offset=2`);
		expect(second.data).toMatchObject({ has_next_page: false });
		expect(second.data.items).toHaveLength(1);
	});

	it('serves one knowledge store to both API versions, each in its own field names', async () => {
		const created = await api().post(`${ORG}/knowledge/notes`, {
			name: 'n',
			body: 'b',
			trigger: 't',
		});
		expect(created.data).toMatchObject({
			note_id: expect.stringMatching(/^note-/),
			trigger: 't',
			is_enabled: true,
		});
		const legacy = await api('legacy').get('/v1/knowledge');
		expect(legacy.data.knowledge).toEqual([
			expect.objectContaining({ id: created.data.note_id, trigger_description: 't' }),
		]);
		expect((await api('readOnly').get(`${ORG}/knowledge/notes`)).status).toBe(403);
	});

	it('never answers a secret value', async () => {
		const created = await api().post(`${ORG}/secrets`, {
			type: 'key-value',
			key: 'K',
			value: 'example-value',
		});
		const listed = await api().get(`${ORG}/secrets`);
		const legacy = await api('legacy').get('/v1/secrets');
		expect(JSON.stringify([created.data, listed.data, legacy.data])).not.toContain('example-value');
		expect(ctx.emulator.secretValue(created.data.secret_id)).toBe('example-value');
	});
});
