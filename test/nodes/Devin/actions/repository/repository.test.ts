import { failure } from '../../../../helpers/failure';
import {
	apiRequests,
	credentialsFor as withKey,
	useEmulator,
	type Emulator,
	type KeyName,
} from '../../../../helpers/emulator';
import { runListSearch, runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();
const ORG = '/v3/organizations/org-emulator-demo';
// The organization is set, so the request log holds only the calls under test.
const credentialsFor = (emulator: Emulator, key: KeyName = 'service') =>
	withKey(emulator, key, { organizationId: 'org-emulator-demo' });

const repository = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'repository',
	operation,
	...extra,
});
const byPath = (value: string) => ({ __rl: true, mode: 'path', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

describe('repository.getMany', () => {
	it('lists the organization’s repositories in camelCase, without the slow indexing status by default', async () => {
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('getMany', { returnAll: true }),
		});
		expect(output.map((item) => item.json.repoPath)).toEqual([
			'acme/api',
			'acme/design-system',
			'acme/docs',
			'acme/infra',
			'acme/legacy-monolith',
			'acme/mobile',
			'acme/web',
			'platform/tools/deploy-scripts',
		]);
		expect(output[0].json).toEqual({
			repoPath: 'acme/api',
			repoName: 'api',
			repoDescription: 'Orders and payments API',
			repoLanguage: 'Python',
			gitConnectionId: 'gitconn-github-1',
			gitConnectionHost: 'github.com',
			providerRepositoryId: expect.any(String),
			// Devin's Unix seconds, as an ISO 8601 string like every timestamp in normal output.
			lastUpdatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
			indexingStatus: null,
		});
		expect(
			output.every(
				(item, index) =>
					item.pairedItem && (item.pairedItem as { item: number }).item === 0 && index >= 0,
			),
		).toBe(true);
		const [list] = apiRequests(ctx.emulator, 'GET', '/repositories');
		expect(list.path).toBe(`${ORG}/repositories`);
		expect(list.query.load_indexing_status).toEqual(['false']);
	});

	it('pages through the cursor with Return All, and stops at Limit', async () => {
		ctx.emulator.seedRepositories(230);
		const all = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('getMany', { returnAll: true, filters: { name: 'bulk/' } }),
		});
		expect(all).toHaveLength(230);
		expect(new Set(all.map((item) => item.json.repoPath)).size).toBe(230);
		const pages = apiRequests(ctx.emulator, 'GET', '/repositories');
		expect(pages.map((entry) => entry.query.first)).toEqual([['100'], ['100'], ['100']]);
		expect(pages[0].query.after).toBeUndefined();
		expect(pages.slice(1).every((entry) => entry.query.after?.length === 1)).toBe(true);
		expect(pages.every((entry) => entry.query.filter_name?.[0] === 'bulk/')).toBe(true);

		ctx.emulator.requests = [];
		const some = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('getMany', { returnAll: false, limit: 3 }),
		});
		expect(some).toHaveLength(3);
		expect(
			apiRequests(ctx.emulator, 'GET', '/repositories').map((entry) => entry.query.first),
		).toEqual([['3']]);
	});

	it('filters by name and paths, and includes the indexing status on request', async () => {
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('getMany', {
				returnAll: true,
				filters: {
					onlyPaths: 'acme/web, https://github.com/acme/api.git, acme/docs',
					excludePaths: 'acme/docs',
				},
				options: { includeIndexingStatus: true },
			}),
		});
		expect(output.map((item) => item.json.repoPath)).toEqual(['acme/api', 'acme/web']);
		expect(output[1].json.indexingStatus).toMatchObject({
			indexingEnabled: true,
			latestIndexes: [{ branchName: 'main', status: 'completed' }],
		});
		const [list] = apiRequests(ctx.emulator, 'GET', '/repositories');
		expect(list.query).toMatchObject({
			only_repo_paths: ['acme/web', 'acme/api', 'acme/docs'],
			exclude_repo_paths: ['acme/docs'],
			load_indexing_status: ['true'],
		});
	});

	it('says repositories need API v3 before sending anything with a legacy key', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: repository('getMany'),
			}),
		);
		expect(error.message).toBe(
			'Repository: Get Many is only available in Devin API v3; this credential uses v1',
		);
		expect(ctx.emulator.requests).toHaveLength(0);
	});
});

describe('repository.getIndexingStatus', () => {
	it('encodes owner/name as one path segment, nested GitLab groups included', async () => {
		const [web] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('getIndexingStatus', { repository: fromList('acme/web') }),
		});
		expect(web.json).toMatchObject({
			repositoryPath: 'acme/web',
			branches: ['main'],
			indexingEnabled: true,
			indexingState: 'indexed',
		});
		const [nested] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('getIndexingStatus', {
				repository: byPath('https://gitlab.com/platform/tools/deploy-scripts'),
			}),
		});
		expect(nested.json).toMatchObject({
			repositoryPath: 'platform/tools/deploy-scripts',
			indexingEnabled: false,
			indexingState: 'notIndexed',
		});
		expect(apiRequests(ctx.emulator, 'GET').map((entry) => entry.path)).toEqual([
			`${ORG}/repositories/acme%2Fweb/indexing`,
			`${ORG}/repositories/platform%2Ftools%2Fdeploy-scripts/indexing`,
		]);
	});

	it('names the repository Devin does not know, after trying the beta path once', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: repository('getIndexingStatus', { repository: byPath('acme/nope') }),
			}),
		);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('The Devin API answered 404: Repository acme/nope not found');
		expect(error.description).toContain('Repository acme/nope was not found');
		expect(apiRequests(ctx.emulator).map((entry) => entry.path)).toEqual([
			`${ORG}/repositories/acme%2Fnope/indexing`,
			`/v3beta1/organizations/org-emulator-demo/repositories/acme%2Fnope/indexing`,
		]);
	});

	it.each([
		['a path with a space', 'acme/my repo'],
		['a single name', 'web'],
		['two repositories', 'acme/web, acme/api'],
	])('rejects %s before sending anything', async (_name, value) => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: repository('getIndexingStatus', { repository: byPath(value) }),
			}),
		);
		expect(error.message).toMatch(/^Repository: /);
		expect(error.description).toBeTruthy();
		expect(ctx.emulator.requests).toHaveLength(0);
	});
});

describe('repository.index', () => {
	it('sends every item’s repositories in one bulk request and outputs one item per repository', async () => {
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('index', { repositories: '={{ $json.repo }}' }),
			items: [
				{ json: { repo: 'acme/api' } },
				{ json: { repo: ['acme/docs', 'acme/mobile'] } },
				{ json: { repo: 'acme/api' } },
			],
		});
		const puts = apiRequests(ctx.emulator, 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0].path).toBe(`${ORG}/repositories/indexing`);
		expect(puts[0].body).toEqual({
			repositories: [
				{ repository_path: 'acme/api' },
				{ repository_path: 'acme/docs' },
				{ repository_path: 'acme/mobile' },
			],
		});
		expect(output.map((item) => [item.json.repositoryPath, item.pairedItem])).toEqual([
			['acme/api', { item: 0 }],
			['acme/docs', { item: 1 }],
			['acme/mobile', { item: 1 }],
			['acme/api', { item: 2 }],
		]);
		expect(output[0].json).toMatchObject({
			branches: ['main'],
			indexingEnabled: true,
			indexingState: 'inProgress',
			indexingStatus: { latestIndexes: [{ branchName: 'main', status: 'in_progress' }] },
		});
	});

	it('is idempotent: indexing again starts no second job', async () => {
		const run = async () =>
			await runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: repository('index', { repositories: byPath('acme/api, acme/web') }),
			});
		await run();
		await run();
		const api = ctx.emulator.data.repositories.get('org-emulator-demo:acme/api');
		expect(api?.jobs.filter((job) => job.kind === 'search')).toHaveLength(1);
		const web = ctx.emulator.data.repositories.get('org-emulator-demo:acme/web');
		expect(web?.jobs.filter((job) => job.kind === 'search')).toHaveLength(1);
	});

	it('indexes the branches asked for, and asks again for a repository other items want on other branches', async () => {
		await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('index', {
				repositories: '={{ $json.repo }}',
				branches: '={{ $json.branches }}',
			}),
			items: [
				{ json: { repo: 'acme/api', branches: 'main, release' } },
				{ json: { repo: 'acme/api', branches: '' } },
			],
		});
		expect(apiRequests(ctx.emulator, 'PUT').map((entry) => entry.body)).toEqual([
			{ repositories: [{ repository_path: 'acme/api', branch_names: ['main', 'release'] }] },
			{ repositories: [{ repository_path: 'acme/api' }] },
		]);
	});

	it('names the missing permission on a 403, for every item of the batch', async () => {
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator, 'readOnly'),
			parameters: repository('index', { repositories: '={{ $json.repo }}' }),
			items: [{ json: { repo: 'acme/api' } }, { json: { repo: 'acme/docs' } }],
			continueOnFail: true,
		});
		expect(apiRequests(ctx.emulator, 'PUT')).toHaveLength(1);
		expect(output).toHaveLength(2);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				error: 'The Devin API answered 403: Forbidden: Missing permission: IndexOrgRepositories',
				httpCode: '403',
			});
			expect(String(item.json.description)).toContain('lacks the IndexOrgRepositories permission');
		});
	});

	it('keeps a bad item to itself: the others are still indexed', async () => {
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('index', { repositories: '={{ $json.repo }}' }),
			items: [{ json: { repo: 'acme/api' } }, { json: { repo: 'not a repo' } }],
			continueOnFail: true,
		});
		expect(output[0].json.repositoryPath).toBe('acme/api');
		expect(output[1].json.error).toBe('Repositories: "not a repo" is not a repository path');
		expect(apiRequests(ctx.emulator, 'PUT')[0].body).toEqual({
			repositories: [{ repository_path: 'acme/api' }],
		});
	});

	it('removes repositories from the index, one or several', async () => {
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('removeFromIndex', { repositories: byPath('acme/web') }),
		});
		expect(output.map((item) => item.json)).toEqual([
			expect.objectContaining({
				repositoryPath: 'acme/web',
				indexingEnabled: false,
				branches: [],
				indexingState: 'notIndexed',
			}),
		]);
		const [request] = apiRequests(ctx.emulator, 'DELETE');
		expect(request.path).toBe(`${ORG}/repositories/indexing`);
		expect(request.body).toEqual({ repository_paths: ['acme/web'] });

		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: repository('removeFromIndex', { repositories: byPath('acme/docs, acme/nope') }),
			}),
		);
		expect(error.message).toBe('The Devin API answered 404: Repositories not found: acme/nope');
	});
});

describe('the /v3beta1 fallback', () => {
	afterEach(() => {
		ctx.emulator.options.repositoriesOnlyInBeta = false;
	});

	it('falls back once when /v3 answers 404, and remembers it for the rest of the execution', async () => {
		ctx.emulator.options.repositoriesOnlyInBeta = true;
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('getIndexingStatus', { repository: '={{ $json.repo }}' }),
			items: [
				{ json: { repo: 'acme/web' } },
				{ json: { repo: 'acme/api' } },
				{ json: { repo: 'acme/docs' } },
			],
		});
		expect(output.map((item) => item.json.repositoryPath)).toEqual([
			'acme/web',
			'acme/api',
			'acme/docs',
		]);
		expect(apiRequests(ctx.emulator).map((entry) => `${entry.path} ${entry.status}`)).toEqual([
			`${ORG}/repositories/acme%2Fweb/indexing 404`,
			'/v3beta1/organizations/org-emulator-demo/repositories/acme%2Fweb/indexing 200',
			'/v3beta1/organizations/org-emulator-demo/repositories/acme%2Fapi/indexing 200',
			'/v3beta1/organizations/org-emulator-demo/repositories/acme%2Fdocs/indexing 200',
		]);
	});

	it('stays on /v3 where it answers, so a genuine 404 costs no second request later', async () => {
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: repository('getIndexingStatus', { repository: '={{ $json.repo }}' }),
			items: [{ json: { repo: 'acme/web' } }, { json: { repo: 'acme/nope' } }],
			continueOnFail: true,
		});
		expect(output[1].json.httpCode).toBe('404');
		expect(apiRequests(ctx.emulator).map((entry) => entry.path)).toEqual([
			`${ORG}/repositories/acme%2Fweb/indexing`,
			`${ORG}/repositories/acme%2Fnope/indexing`,
		]);
	});

	it('is only for the endpoints Devin documents under both prefixes', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: { resource: 'session', operation: 'get', sessionId: byPath('devin-missing') },
			}),
		);
		expect(error.httpCode).toBe('404');
		expect(apiRequests(ctx.emulator).every((entry) => entry.path.startsWith('/v3/'))).toBe(true);
	});

	it('does not fall back on other errors', async () => {
		ctx.emulator.options.repositoriesOnlyInBeta = true;
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'readOnly'),
				parameters: repository('index', { repositories: byPath('acme/api') }),
			}),
		);
		// The beta path answered, so its 403 is the answer.
		expect(error.httpCode).toBe('403');
		ctx.emulator.options.repositoriesOnlyInBeta = false;
		ctx.emulator.requests = [];
		ctx.emulator.addFault({ path: '/repositories', status: 403, body: { detail: 'Forbidden' } });
		await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator),
				parameters: repository('getMany'),
			}),
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(1);
	});
});

describe('the Repositories dropdown', () => {
	it('searches Devin by name and pages with its cursor', async () => {
		const first = await runListSearch('searchRepositories', credentialsFor(ctx.emulator), 'acme/');
		expect(first.results[0]).toEqual({
			name: 'acme/api · Python',
			value: 'acme/api',
			url: 'https://github.com/acme/api',
		});
		expect(first.results.map((result) => result.value)).toContain('acme/web');
		expect(first.results.map((result) => result.value)).not.toContain(
			'platform/tools/deploy-scripts',
		);
		const [request] = apiRequests(ctx.emulator, 'GET', '/repositories');
		expect(request.query).toMatchObject({
			filter_name: ['acme/'],
			load_indexing_status: ['false'],
		});

		ctx.emulator.seedRepositories(60);
		const page = await runListSearch('searchRepositories', credentialsFor(ctx.emulator), 'bulk');
		expect(page.results).toHaveLength(50);
		const next = await runListSearch(
			'searchRepositories',
			credentialsFor(ctx.emulator),
			'bulk',
			page.paginationToken,
		);
		expect(next.results).toHaveLength(10);
		expect(next.paginationToken).toBeUndefined();
	});
});
