// @ts-check
'use strict';

const crypto = require('crypto');
const { detail, validation } = require('./http');
const { cursorPage } = require('./pagination');
const { ORG_ID, OTHER_ORG_ID } = require('./principals');
const { validate } = require('./validation');

/** How long an indexing job runs on the emulator's clock, and how long a failing one takes to fail. */
const INDEX_MS = 90_000;
const FAIL_MS = 45_000;
/** The wiki is built after the search index. */
const WIKI_EXTRA_MS = 30_000;

const READ = 'Read';
const INDEX = 'IndexOrgRepositories';

/**
 * @typedef {{ job_id: string, kind: 'search' | 'wiki', branch_name: string, commit: string,
 *   created_ms: number, duration_ms: number, outcome: 'completed' | 'failed' }} Job
 * @typedef {{ params: Record<string, string>, query: Record<string, string>,
 *   queryAll: Record<string, string[]>, orgId: string, json: () => any }} Ctx
 * @typedef {{ org_id: string, repo_path: string, repo_name: string, repo_description: string | null,
 *   repo_language: string | null, git_connection_id: string, git_connection_host: string,
 *   provider_repository_id: string, last_updated_ms: number, default_branch: string,
 *   index_outcome: 'completed' | 'failed', indexing_enabled: boolean, branches: string[],
 *   jobs: Job[] }} Repository
 */

/** [path, language, description, outcome] for the demo organization; one stays broken on purpose. */
const DEMO_REPOSITORIES = [
	['acme/web', 'TypeScript', 'The storefront', 'completed'],
	['acme/api', 'Python', 'Orders and payments API', 'completed'],
	['acme/mobile', 'Kotlin', 'Android app', 'completed'],
	['acme/docs', 'MDX', 'Public documentation', 'completed'],
	['acme/infra', 'HCL', 'Terraform for every environment', 'completed'],
	['acme/design-system', 'TypeScript', 'Shared UI components', 'completed'],
	['acme/legacy-monolith', 'Java', 'The old monolith: its indexing always fails', 'failed'],
	['platform/tools/deploy-scripts', 'Shell', 'A GitLab project in a subgroup', 'completed'],
];
const OTHER_REPOSITORIES = [['globex/warehouse', 'Go', 'Inventory service', 'completed']];

/** @param {string} text */
function commitOf(text) {
	return crypto.createHash('sha1').update(text).digest('hex');
}

/** @param {string} org @param {string} path @param {Partial<Repository>} [fields] @returns {Repository} */
function makeRepository(org, path, fields = {}) {
	const host = path.split('/').length > 2 ? 'gitlab.com' : 'github.com';
	return {
		org_id: org,
		repo_path: path,
		repo_name: path.split('/').pop() || path,
		repo_description: null,
		repo_language: null,
		git_connection_id: host === 'github.com' ? 'gitconn-github-1' : 'gitconn-gitlab-1',
		git_connection_host: host,
		provider_repository_id: String(100000 + (parseInt(commitOf(path).slice(0, 6), 16) % 900000)),
		last_updated_ms: 0,
		default_branch: 'main',
		index_outcome: 'completed',
		indexing_enabled: false,
		branches: [],
		jobs: [],
		...fields,
	};
}

/** @param {Job} job @param {number} now */
function jobStatus(job, now) {
	return now - job.created_ms >= job.duration_ms ? job.outcome : 'in_progress';
}

/** @param {Job} job @param {number} now */
function jobView(job, now) {
	return {
		job_id: job.job_id,
		branch_name: job.branch_name,
		commit: job.commit,
		created_at: Math.floor(job.created_ms / 1000),
		status: jobStatus(job, now),
	};
}

/** @param {Repository} repo @param {number} now */
function indexingStatus(repo, now) {
	const newestFinished = (/** @type {Job['kind']} */ kind) =>
		repo.jobs
			.filter((job) => job.kind === kind && jobStatus(job, now) !== 'in_progress')
			.sort((a, b) => b.created_ms - a.created_ms)[0];
	const latestByBranch = new Map();
	for (const job of repo.jobs.filter((entry) => entry.kind === 'search')) {
		const seen = latestByBranch.get(job.branch_name);
		if (!seen || seen.created_ms < job.created_ms) latestByBranch.set(job.branch_name, job);
	}
	const search = newestFinished('search');
	const wiki = newestFinished('wiki');
	return {
		indexing_enabled: repo.indexing_enabled,
		latest_completed_search_index_job: search ? jobView(search, now) : null,
		latest_completed_wiki_index_job: wiki ? jobView(wiki, now) : null,
		latest_indexes: [...latestByBranch.values()].map((job) => jobView(job, now)),
	};
}

/** RepositoryIndexingResponse. @param {Repository} repo @param {number} now */
function indexingView(repo, now) {
	return {
		repository_path: repo.repo_path,
		branches: repo.branches,
		indexing_enabled: repo.indexing_enabled,
		indexing_status: indexingStatus(repo, now),
	};
}

/** RepositoryResponse. @param {Repository} repo @param {number} now @param {boolean} withStatus */
function repositoryView(repo, now, withStatus) {
	return {
		repo_path: repo.repo_path,
		repo_name: repo.repo_name,
		repo_description: repo.repo_description,
		repo_language: repo.repo_language,
		git_connection_id: repo.git_connection_id,
		git_connection_host: repo.git_connection_host,
		provider_repository_id: repo.provider_repository_id,
		last_updated_at: Math.floor(repo.last_updated_ms / 1000),
		indexing_status: withStatus ? indexingStatus(repo, now) : null,
	};
}

/**
 * Starts a job for each branch that has none running or completed: asking again is idempotent,
 * a failed branch is retried. @param {Repository} repo @param {string[]} branches @param {number} now
 */
function enableIndexing(repo, branches, now) {
	repo.indexing_enabled = true;
	for (const branch of branches) {
		if (!repo.branches.includes(branch)) repo.branches.push(branch);
		const latest = repo.jobs
			.filter((job) => job.kind === 'search' && job.branch_name === branch)
			.sort((a, b) => b.created_ms - a.created_ms)[0];
		if (latest && jobStatus(latest, now) !== 'failed') continue;
		const failing = repo.index_outcome === 'failed';
		const commit = commitOf(`${repo.repo_path}@${branch}`);
		const duration = failing ? FAIL_MS : INDEX_MS;
		const id = crypto.randomBytes(8).toString('hex');
		repo.jobs.push(
			{
				job_id: `job-${id}`,
				kind: 'search',
				branch_name: branch,
				commit,
				created_ms: now,
				duration_ms: duration,
				outcome: failing ? 'failed' : 'completed',
			},
			{
				job_id: `job-${id}-wiki`,
				kind: 'wiki',
				branch_name: branch,
				commit,
				created_ms: now,
				duration_ms: duration + WIKI_EXTRA_MS,
				outcome: failing ? 'failed' : 'completed',
			},
		);
	}
}

/** @param {Repository} repo */
function disableIndexing(repo) {
	repo.indexing_enabled = false;
	repo.branches = [];
}

const LIST_QUERY = {
	first: { type: 'integer', fromQuery: true, ge: 1, le: 200 },
	after: { type: 'string' },
	filter_name: { type: 'string' },
	load_indexing_status: { type: 'boolean', fromQuery: true },
};
const PAGE_QUERY = { first: LIST_QUERY.first, after: LIST_QUERY.after };
const INDEX_ONE = { branch_names: { type: 'array', items: 'string', nullable: true } };
const BULK_INDEX = { repositories: { type: 'array', required: true } };
const BULK_REMOVE = { repository_paths: { type: 'array', items: 'string', required: true } };
const BY_PATH = { keyOf: (/** @type {Repository} */ repo) => [repo.repo_path], direction: 1 };

/**
 * Repositories the organizations reach through their git connections, and their indexing, under
 * `/v3/organizations/{org}/repositories…` and `/v3beta1/…`. Indexing jobs run on the emulator's
 * clock: in progress for 90 s, then completed (or failed, for repositories set up to fail).
 * With the `repositoriesOnlyInBeta` option, `/v3` answers 404 as a deployment from before the
 * endpoints were promoted does.
 * @param {any} emulator
 */
function register(emulator) {
	emulator.onReset(() => {
		const now = emulator.clock.now();
		/** @type {Map<string, Repository>} */
		const repositories = new Map();
		/** @param {string} org @param {string[][]} rows */
		const add = (org, rows) =>
			rows.forEach(([path, language, description, outcome], index) => {
				repositories.set(
					`${org}:${path}`,
					makeRepository(org, path, {
						repo_language: language,
						repo_description: description,
						index_outcome: outcome === 'failed' ? 'failed' : 'completed',
						last_updated_ms: now - (index + 1) * 3_600_000,
					}),
				);
			});
		add(ORG_ID, DEMO_REPOSITORIES);
		add(OTHER_ORG_ID, OTHER_REPOSITORIES);
		// acme/web was indexed a day ago.
		const web = repositories.get(`${ORG_ID}:acme/web`);
		if (web) enableIndexing(web, ['main'], now - 86_400_000);
		emulator.data.repositories = repositories;
	});

	/** @param {string} org @returns {Repository[]} */
	const repositoriesOf = (org) =>
		[...emulator.data.repositories.values()]
			.filter((/** @type {Repository} */ repo) => repo.org_id === org)
			.sort((a, b) => (a.repo_path < b.repo_path ? -1 : a.repo_path > b.repo_path ? 1 : 0));
	/** @param {string} org @param {string} path @returns {Repository | undefined} */
	const find = (org, path) => emulator.data.repositories.get(`${org}:${path}`);
	/** @param {Ctx} ctx @param {string} path @returns {Repository} */
	const known = (ctx, path) => {
		const repo = find(ctx.orgId, path);
		if (!repo) throw detail(404, `Repository ${path} not found`);
		return repo;
	};
	/** @param {Ctx} ctx @param {string[]} paths @returns {Repository[]} */
	const allKnown = (ctx, paths) => {
		const found = paths.map((path) => find(ctx.orgId, path));
		const missing = paths.filter((_path, index) => !found[index]);
		if (missing.length) throw detail(404, `Repositories not found: ${missing.join(', ')}`);
		return /** @type {Repository[]} */ (found);
	};
	const now = () => emulator.clock.now();

	/** @type {Record<string, (ctx: Ctx) => unknown>} */
	const handlers = {
		list(ctx) {
			validate(ctx.query, LIST_QUERY, { location: 'query', forbidExtra: false });
			const needle = (ctx.query.filter_name || '').toLowerCase();
			const only = ctx.queryAll.only_repo_paths || [];
			const exclude = ctx.queryAll.exclude_repo_paths || [];
			const repos = repositoriesOf(ctx.orgId).filter(
				(repo) =>
					(!needle || repo.repo_path.toLowerCase().includes(needle)) &&
					(!only.length || only.includes(repo.repo_path)) &&
					!exclude.includes(repo.repo_path),
			);
			const page = cursorPage(repos, ctx.query, BY_PATH);
			// Devin includes the indexing status unless asked not to.
			const withStatus = ctx.query.load_indexing_status !== 'false';
			return {
				...page,
				items: page.items.map((/** @type {Repository} */ repo) =>
					repositoryView(repo, now(), withStatus),
				),
			};
		},
		listIndexed(ctx) {
			validate(ctx.query, PAGE_QUERY, { location: 'query', forbidExtra: false });
			const repos = repositoriesOf(ctx.orgId).filter((repo) => repo.indexing_enabled);
			const page = cursorPage(repos, ctx.query, BY_PATH);
			return {
				...page,
				items: page.items.map((/** @type {Repository} */ repo) => indexingView(repo, now())),
			};
		},
		status(ctx) {
			return indexingView(known(ctx, ctx.params.path), now());
		},
		indexOne(ctx) {
			const body = ctx.json();
			if (body !== undefined && body !== null) validate(body, INDEX_ONE);
			const repo = known(ctx, ctx.params.path);
			const branches = body?.branch_names?.length ? body.branch_names : [repo.default_branch];
			enableIndexing(repo, branches, now());
			return indexingView(repo, now());
		},
		removeOne(ctx) {
			const repo = known(ctx, ctx.params.path);
			disableIndexing(repo);
			return indexingView(repo, now());
		},
		indexMany(ctx) {
			const body = validate(ctx.json(), BULK_INDEX);
			/** @type {object[]} */
			const errors = [];
			body.repositories.forEach((/** @type {any} */ entry, /** @type {number} */ index) => {
				const loc = ['body', 'repositories', index];
				if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
					errors.push({
						type: 'dict_type',
						loc,
						msg: 'Input should be a valid dictionary',
						input: entry,
					});
				} else if (typeof entry.repository_path !== 'string' || entry.repository_path === '') {
					errors.push({
						type: 'missing',
						loc: [...loc, 'repository_path'],
						msg: 'Field required',
						input: entry,
					});
				} else if (
					entry.branch_names !== undefined &&
					entry.branch_names !== null &&
					(!Array.isArray(entry.branch_names) ||
						entry.branch_names.some((/** @type {unknown} */ b) => typeof b !== 'string'))
				) {
					errors.push({
						type: 'list_type',
						loc: [...loc, 'branch_names'],
						msg: 'Input should be a valid list',
						input: entry.branch_names,
					});
				}
			});
			if (errors.length) throw validation(errors);
			const repos = allKnown(
				ctx,
				body.repositories.map((/** @type {any} */ entry) => entry.repository_path),
			);
			return repos.map((repo, index) => {
				const requested = body.repositories[index].branch_names;
				enableIndexing(repo, requested?.length ? requested : [repo.default_branch], now());
				return indexingView(repo, now());
			});
		},
		removeMany(ctx) {
			const body = validate(ctx.json(), BULK_REMOVE);
			const repos = allKnown(ctx, body.repository_paths);
			return repos.map((repo) => {
				disableIndexing(repo);
				return indexingView(repo, now());
			});
		},
	};

	const routes = [
		['GET', '/repositories', handlers.list, READ],
		['GET', '/repositories/indexing', handlers.listIndexed, READ],
		['PUT', '/repositories/indexing', handlers.indexMany, INDEX],
		['DELETE', '/repositories/indexing', handlers.removeMany, INDEX],
		['GET', '/repositories/:path/indexing', handlers.status, READ],
		['PUT', '/repositories/:path/indexing', handlers.indexOne, INDEX],
		['DELETE', '/repositories/:path/indexing', handlers.removeOne, INDEX],
	];
	for (const [method, path, handler, permission] of routes) {
		emulator.route(method, `/v3beta1/organizations/:org${path}`, handler, {
			version: 'v3',
			permission,
		});
		emulator.route(method, `/v3/organizations/:org${path}`, handler, {
			version: 'v3',
			permission,
			when: () => !emulator.options.repositoriesOnlyInBeta,
		});
	}
}

/**
 * Adds `count` repositories to an organization (for pagination tests): `bulk/repo-001`, ….
 * @param {any} emulator @param {number} count @param {{ org_id?: string, prefix?: string }} [options]
 */
function seedRepositories(emulator, count, options = {}) {
	const org = options.org_id || ORG_ID;
	const prefix = options.prefix || 'bulk/repo-';
	const created = [];
	for (let index = 1; index <= count; index++) {
		const path = `${prefix}${String(index).padStart(3, '0')}`;
		const repo = makeRepository(org, path, {
			repo_language: 'TypeScript',
			last_updated_ms: emulator.clock.now(),
		});
		emulator.data.repositories.set(`${org}:${path}`, repo);
		created.push(repo);
	}
	return created;
}

module.exports = { register, seedRepositories, INDEX_MS, FAIL_MS };
