import { failure } from '../../../../helpers/failure';
import {
	apiRequests,
	credentialsFor,
	useEmulator,
	type Emulator,
} from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const index = (repositories: string, extra: Record<string, unknown> = {}) => ({
	resource: 'repository',
	operation: 'index',
	repositories: { __rl: true, mode: 'path', value: repositories },
	waitUntilIndexed: true,
	pollIntervalSeconds: 0.01,
	...extra,
});
const credentials = (emulator: Emulator, key: 'service' | 'readOnly' = 'service') =>
	credentialsFor(emulator, key, { organizationId: 'org-emulator-demo' });
const statusChecks = (emulator: Emulator) =>
	apiRequests(emulator, 'GET', '/indexing').map((entry) => entry.path);

describe('Index with Wait Until Indexed', () => {
	// Every request moves the emulator's clock 30 s: a 90-second indexing job ends after three checks.
	const ctx = useEmulator({ advancePerRequestMs: 30_000 });

	it('waits until the job has completed, then outputs the indexed repository', async () => {
		const output = await runNode({
			credentials: credentials(ctx.emulator),
			parameters: index('acme/api'),
		});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			repositoryPath: 'acme/api',
			indexingEnabled: true,
			indexingState: 'indexed',
			indexingStatus: {
				latestIndexes: [{ branchName: 'main', status: 'completed' }],
				latestCompletedSearchIndexJob: { status: 'completed' },
			},
		});
		expect(apiRequests(ctx.emulator, 'PUT')).toHaveLength(1);
		expect(statusChecks(ctx.emulator)).toEqual([
			'/v3/organizations/org-emulator-demo/repositories/acme%2Fapi/indexing',
			'/v3/organizations/org-emulator-demo/repositories/acme%2Fapi/indexing',
			'/v3/organizations/org-emulator-demo/repositories/acme%2Fapi/indexing',
		]);
	});

	it('waits for every repository, and stops checking the ones that are done', async () => {
		const output = await runNode({
			credentials: credentials(ctx.emulator),
			parameters: index('acme/web, acme/docs'),
		});
		expect(output.map((item) => [item.json.repositoryPath, item.json.indexingState])).toEqual([
			['acme/web', 'indexed'],
			['acme/docs', 'indexed'],
		]);
		// acme/web was indexed already: checked once; acme/docs until its job is done.
		expect(statusChecks(ctx.emulator).map((path) => path.split('/')[5])).toEqual([
			'acme%2Fweb',
			'acme%2Fdocs',
			'acme%2Fdocs',
		]);
	});

	it('waits for the branches asked for, not only the default one', async () => {
		const output = await runNode({
			credentials: credentials(ctx.emulator),
			parameters: index('acme/web', { branches: 'main, release' }),
		});
		expect(output[0].json).toMatchObject({
			branches: ['main', 'release'],
			indexingState: 'indexed',
		});
		expect(apiRequests(ctx.emulator, 'PUT')[0].body).toEqual({
			repositories: [{ repository_path: 'acme/web', branch_names: ['main', 'release'] }],
		});
		// The new release branch takes its 90 s; main was done before.
		expect(statusChecks(ctx.emulator)).toHaveLength(3);
	});

	it('ends with a clear error when indexing fails', async () => {
		const error = await failure(
			runNode({
				credentials: credentials(ctx.emulator),
				parameters: index('acme/web, acme/legacy-monolith'),
			}),
		);
		expect(error.message).toBe('Indexing acme/legacy-monolith failed on branch main');
		expect(error.description).toMatch(
			/^Devin's indexing job job-[0-9a-f]+, commit [0-9a-f]{7} ended as failed\. .*run Index again/,
		);
		expect(error.context.itemIndex).toBe(0);
	});

	it('fails the failing item only, under Continue On Fail', async () => {
		const output = await runNode({
			credentials: credentials(ctx.emulator),
			parameters: { ...index('x/y'), repositories: '={{ $json.repo }}' },
			items: [{ json: { repo: 'acme/legacy-monolith' } }, { json: { repo: 'acme/mobile' } }],
			continueOnFail: true,
		});
		expect(output.map((item) => item.json.error ?? item.json.indexingState)).toEqual([
			'Indexing acme/legacy-monolith failed on branch main',
			'indexed',
		]);
		expect(apiRequests(ctx.emulator, 'PUT')).toHaveLength(1);
	});

	it('says so when the repository is taken off the index while it waits', async () => {
		ctx.emulator.on('request', (entry) => {
			if (entry.method === 'GET') {
				const repo = ctx.emulator.data.repositories.get('org-emulator-demo:acme/api');
				if (repo) repo.indexing_enabled = false;
			}
		});
		const error = await failure(
			runNode({ credentials: credentials(ctx.emulator), parameters: index('acme/api') }),
		);
		expect(error.message).toBe('Indexing of acme/api was turned off while waiting for it');
	});
});

describe('Index with Wait Until Indexed, on a clock that stands still', () => {
	const ctx = useEmulator({ manualClock: true });

	it('gives up at the timeout, naming what is still indexing', async () => {
		const error = await failure(
			runNode({
				credentials: credentials(ctx.emulator),
				parameters: index('acme/api', { timeoutMinutes: 0.002 }),
			}),
		);
		expect(error.message).toBe('Indexing of acme/api is still in progress after 0.1 s');
		expect(error.description).toContain('(branches: main)');
		expect(error.description).toContain('Get Indexing Status');
		expect(statusChecks(ctx.emulator).length).toBeGreaterThan(1);
	});

	it('ends when the execution is stopped', async () => {
		const controller = new AbortController();
		void ctx.emulator
			.waitForRequest((entry) => entry.method === 'GET')
			.then(() => controller.abort());
		const error = await failure(
			runNode({
				credentials: credentials(ctx.emulator),
				parameters: index('acme/api', { pollIntervalSeconds: 30 }),
				abortSignal: controller.signal,
			}),
		);
		expect(error.message).toBe('The execution was stopped while waiting for Devin');
		expect(statusChecks(ctx.emulator)).toHaveLength(1);
	});
});
