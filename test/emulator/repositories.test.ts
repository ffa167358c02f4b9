import axios from 'axios';

import { useEmulator, type KeyName } from '../helpers/emulator';

const ctx = useEmulator();
const V3 = '/v3/organizations/org-emulator-demo';
const BETA = '/v3beta1/organizations/org-emulator-demo';
const ACU = '/v3/enterprise/consumption/acu-limits/devin';

function api(key: KeyName = 'service') {
	return axios.create({
		baseURL: ctx.emulator.url,
		headers: { Authorization: `Bearer ${ctx.emulator.info().keys[key]}` },
		validateStatus: () => true,
	});
}
const latest = async (path: string) =>
	(await api().get(`${V3}/repositories/${encodeURIComponent(path)}/indexing`)).data;

describe('emulated repositories', () => {
	afterEach(() => {
		ctx.emulator.options.repositoriesOnlyInBeta = false;
	});

	it('serves the same repositories under /v3 and /v3beta1, and /v3beta1 only when told to', async () => {
		const v3 = await api().get(`${V3}/repositories`, { params: { first: 3 } });
		const beta = await api().get(`${BETA}/repositories`, { params: { first: 3 } });
		expect(v3.status).toBe(200);
		expect(beta.data).toEqual(v3.data);
		expect(v3.data.has_next_page).toBe(true);

		ctx.emulator.options.repositoriesOnlyInBeta = true;
		// A route that does not exist: 404 before any auth, as FastAPI answers.
		const missing = await api('readOnly').put(`${V3}/repositories/indexing`, { repositories: [] });
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual({ detail: 'Not Found' });
		expect((await api().get(`${BETA}/repositories`)).status).toBe(200);
	});

	it('moves indexing jobs from in_progress to completed (or failed) on its clock', async () => {
		const put = await api().put(`${V3}/repositories/indexing`, {
			repositories: [{ repository_path: 'acme/api' }, { repository_path: 'acme/legacy-monolith' }],
		});
		expect(put.status).toBe(200);
		expect(put.data.map((entry: { repository_path: string }) => entry.repository_path)).toEqual([
			'acme/api',
			'acme/legacy-monolith',
		]);
		expect((await latest('acme/api')).indexing_status.latest_indexes[0].status).toBe('in_progress');
		ctx.emulator.clock.advance(45_000);
		expect((await latest('acme/legacy-monolith')).indexing_status.latest_indexes[0].status).toBe(
			'failed',
		);
		expect((await latest('acme/api')).indexing_status.latest_indexes[0].status).toBe('in_progress');
		ctx.emulator.clock.advance(45_000);
		const api3 = await latest('acme/api');
		expect(api3.indexing_status.latest_indexes[0].status).toBe('completed');
		expect(api3.indexing_status.latest_completed_search_index_job.status).toBe('completed');
		// The wiki is built after the search index.
		expect(api3.indexing_status.latest_completed_wiki_index_job).toBeNull();
		ctx.emulator.clock.advance(30_000);
		expect((await latest('acme/api')).indexing_status.latest_completed_wiki_index_job.status).toBe(
			'completed',
		);
	});

	it('is idempotent, and retries a failed branch', async () => {
		const body = {
			repositories: [{ repository_path: 'acme/legacy-monolith', branch_names: ['main'] }],
		};
		await api().put(`${V3}/repositories/indexing`, body);
		await api().put(`${V3}/repositories/indexing`, body);
		const repo = () =>
			ctx.emulator.data.repositories.get('org-emulator-demo:acme/legacy-monolith')!;
		expect(repo().jobs.filter((job) => job.kind === 'search')).toHaveLength(1);
		ctx.emulator.clock.advance(60_000);
		await api().put(`${V3}/repositories/acme%2Flegacy-monolith/indexing`, {
			branch_names: ['main'],
		});
		expect(repo().jobs.filter((job) => job.kind === 'search')).toHaveLength(2);
	});

	it('needs the slash of owner/name encoded, and answers 404 for unknown repositories', async () => {
		expect((await api().get(`${V3}/repositories/acme/web/indexing`)).status).toBe(404);
		const unknown = await api().get(`${V3}/repositories/acme%2Fnope/indexing`);
		expect(unknown.data).toEqual({ detail: 'Repository acme/nope not found' });
		const bulk = await api().delete(`${V3}/repositories/indexing`, {
			data: { repository_paths: ['acme/web', 'acme/nope'] },
		});
		expect(bulk.status).toBe(404);
		expect(ctx.emulator.data.repositories.get('org-emulator-demo:acme/web')?.indexing_enabled).toBe(
			true,
		);
	});

	it("validates bulk bodies like Devin's FastAPI backend, and checks IndexOrgRepositories", async () => {
		const empty = await api().put(`${V3}/repositories/indexing`, {});
		expect(empty.status).toBe(422);
		expect(empty.data.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'repositories'] });
		const bad = await api().put(`${V3}/repositories/indexing`, {
			repositories: [{ branch_names: 'main' }],
		});
		expect(bad.data.detail[0].loc).toEqual(['body', 'repositories', 0, 'repository_path']);
		const denied = await api('readOnly').put(`${V3}/repositories/indexing`, {
			repositories: [{ repository_path: 'acme/api' }],
		});
		expect(denied.status).toBe(403);
		expect(denied.data.detail).toBe('Missing permission: IndexOrgRepositories');
		expect((await api('readOnly').get(`${V3}/repositories`)).status).toBe(200);
	});
});

describe('emulated ACU limits', () => {
	it('pages, validates, creates, updates and deletes organization limits', async () => {
		ctx.emulator.seedAcuLimits(5);
		const page = await api('enterprise').get(ACU, { params: { first: 4 } });
		expect(page.data).toMatchObject({ has_next_page: true, total: 8 });
		const next = await api('enterprise').get(ACU, {
			params: { first: 4, after: page.data.end_cursor },
		});
		expect(next.data.items).toHaveLength(4);
		expect(next.data.has_next_page).toBe(false);

		const negative = await api('enterprise').put(`${ACU}/organizations/org-emulator-demo`, {
			cycle_acu_limit: -5,
		});
		expect(negative.status).toBe(422);
		const fraction = await api('enterprise').put(`${ACU}/organizations/org-emulator-demo`, {
			cycle_acu_limit: 1.5,
		});
		expect(fraction.status).toBe(422);
		const set = await api('enterprise').put(`${ACU}/organizations/org-emulator-demo`, {
			cycle_acu_limit: 300,
		});
		expect(set.data).toEqual({
			cycle_acu_limit: 300,
			scope: 'organization',
			org_id: 'org-emulator-demo',
			user_id: null,
		});
		const unknown = await api('enterprise').put(`${ACU}/organizations/org-nope`, {
			cycle_acu_limit: 1,
		});
		expect(unknown.status).toBe(404);
		expect((await api('enterprise').delete(`${ACU}/organizations/org-emulator-demo`)).status).toBe(
			200,
		);
		expect((await api('enterprise').delete(`${ACU}/organizations/org-emulator-demo`)).status).toBe(
			404,
		);
	});

	it('needs enterprise permissions: an organization key gets a 403 naming them', async () => {
		const read = await api('service').get(ACU);
		expect(read.status).toBe(403);
		expect(read.data.detail).toBe(
			'Missing permission: one of ManageBilling, ViewAccountConsumption',
		);
		const write = await api('service').put(`${ACU}/organizations/org-emulator-demo`, {
			cycle_acu_limit: 1,
		});
		expect(write.data.detail).toBe('Missing permission: ManageBilling');
	});
});
