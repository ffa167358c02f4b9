'use strict';

/**
 * Repositories (index and wait, the /v3beta1 fallback), structured output from a JSON example and
 * enterprise ACU limits, run with `n8n execute` against the emulator.
 */
const assert = require('node:assert/strict');
const { itemsOf, requestsSince, lastSeq, describeLog } = require('../lib/inspect');

function assertSucceeded(result) {
	assert.equal(
		result.code,
		0,
		`n8n execute exited with ${result.code}:\n${result.output.slice(-2500)}`,
	);
	const error = result.json?.data?.resultData?.error;
	assert.equal(error, undefined, `the execution failed: ${JSON.stringify(error)?.slice(0, 800)}`);
}

async function repositoryChecks({ n8n, fast, workflows, checks, log }) {
	const org = fast.info().orgId;
	const v3 = `/v3/organizations/${org}/repositories`;
	const beta = `/v3beta1/organizations/${org}/repositories`;
	const runWorkflow = async (name) => {
		const workflow = workflows.byName[name];
		const seq = lastSeq(fast);
		const started = Date.now();
		const result = await n8n.execute(workflow.id);
		log(
			`  ran "${workflow.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${result.code})`,
		);
		return { result, requests: requestsSince(fast, seq) };
	};
	const resetRepositories = () => {
		for (const repo of fast.data.repositories.values())
			if (repo.repo_path !== 'acme/web')
				Object.assign(repo, { indexing_enabled: false, branches: [], jobs: [] });
	};

	const checkIndexRun = (result, requests, prefix) => {
		assertSucceeded(result);
		const indexed = itemsOf(result, 'Index and wait');
		assert.deepEqual(
			indexed.map((item) => [
				item.json.repositoryPath,
				item.json.indexingState,
				item.pairedItem?.item,
			]),
			[
				['acme/api', 'indexed', 0],
				['acme/docs', 'indexed', 0],
			],
		);
		const puts = requests.filter(
			(entry) => entry.method === 'PUT' && entry.path === `${prefix}/indexing`,
		);
		assert.equal(puts.length, 2, `one bulk request per Index node:\n${describeLog(requests)}`);
		assert.deepEqual(puts[0].body, {
			repositories: [{ repository_path: 'acme/api' }, { repository_path: 'acme/docs' }],
		});
		const polls = requests.filter((entry) => entry.path === `${prefix}/acme%2Fapi/indexing`);
		assert.ok(
			polls.length >= 2,
			`the wait polls acme/api (slash encoded):\n${describeLog(requests)}`,
		);
		const [broken] = itemsOf(result, 'Index a broken repository');
		assert.equal(broken.json.error, 'Indexing acme/legacy-monolith failed on branch main');
		assert.match(String(broken.json.description), /ended as failed/);
		assert.equal(itemsOf(result, 'Indexing status')[0].json.indexingState, 'indexed');
		const listed = itemsOf(result, 'Repositories');
		assert.deepEqual(
			listed.map((item) => item.json.repoPath),
			['acme/api', 'acme/docs'],
		);
		assert.ok(listed.every((item) => item.json.indexingStatus?.indexingEnabled === true));
		const session = requests.find(
			(entry) => entry.method === 'POST' && entry.path.endsWith('/sessions'),
		);
		assert.deepEqual(session?.body?.repos, ['acme/api', 'acme/docs'], 'the session works in both');
		const removal = requests.find((entry) => entry.method === 'DELETE');
		assert.deepEqual(removal?.body, { repository_paths: ['acme/docs'] });
		assert.equal(itemsOf(result, 'Remove from the index')[0].json.indexingEnabled, false);
	};

	{
		resetRepositories();
		const { result, requests } = await runWorkflow('repository-index-wait');
		await checks.check(
			'repositories: index and wait, a failed job, status, list, session, removal',
			() => {
				checkIndexRun(result, requests, v3);
				assert.ok(
					requests.every((entry) => !entry.path.startsWith('/v3beta1/')),
					'no fallback where /v3 answers',
				);
			},
		);
	}

	{
		resetRepositories();
		fast.options.repositoriesOnlyInBeta = true;
		let run;
		try {
			run = await runWorkflow('repository-index-wait');
		} finally {
			fast.options.repositoriesOnlyInBeta = false;
		}
		const { result, requests } = run;
		await checks.check('repositories on a deployment that has them under /v3beta1 only', () => {
			checkIndexRun(result, requests, beta);
			const misses = requests.filter((entry) => entry.path.startsWith(v3));
			assert.ok(misses.every((entry) => entry.status === 404));
			// One 404 per Devin node that reaches repositories; each remembers the answer for its run.
			assert.equal(misses.length, 5, describeLog(requests));
		});
	}

	{
		const { result, requests } = await runWorkflow('session-structured-output-example');
		await checks.check('a session asked for structured output with a JSON example', () => {
			assertSucceeded(result);
			const post = requests.find(
				(entry) => entry.method === 'POST' && entry.path.endsWith('/sessions'),
			);
			assert.deepEqual(post?.body?.repos, ['acme/api']);
			assert.equal(post?.body?.structured_output_required, true);
			assert.deepEqual(post?.body?.structured_output_schema, {
				$schema: 'http://json-schema.org/draft-07/schema#',
				type: 'object',
				properties: {
					summary: { type: 'string' },
					files_changed: { type: 'array', items: { type: 'string' } },
					risk: {
						type: 'object',
						properties: { level: { type: 'string' }, needs_review: { type: 'boolean' } },
						required: ['level', 'needs_review'],
					},
				},
				required: ['summary', 'files_changed', 'risk'],
			});
			const [created] = itemsOf(result, 'Create with an example');
			assert.equal(created.json.phase, 'finished');
			assert.deepEqual(created.json.structuredOutput, {
				summary: 'example summary',
				files_changed: ['example files_changed'],
				risk: { level: 'example level', needs_review: true },
			});
			const [got] = itemsOf(result, 'Get with camelCase keys');
			assert.deepEqual(Object.keys(got.json.structuredOutput), ['summary', 'filesChanged', 'risk']);
			assert.deepEqual(Object.keys(got.json.structuredOutput.risk), ['level', 'needsReview']);
		});
	}

	{
		const { result, requests } = await runWorkflow('enterprise-acu-limits');
		await checks.check(
			'enterprise ACU limits: set, list, delete; an organization key is refused',
			() => {
				assertSucceeded(result);
				assert.deepEqual(itemsOf(result, 'Set ACU limit')[0].json, {
					cycleAcuLimit: 500,
					scope: 'organization',
					orgId: org,
					userId: null,
				});
				const limits = itemsOf(result, 'ACU limits');
				assert.ok(
					limits.some((item) => item.json.orgId === org && item.json.cycleAcuLimit === 500),
				);
				assert.deepEqual(itemsOf(result, 'Delete ACU limit')[0].json, {
					deleted: true,
					id: 'org-emulator-other',
				});
				const [refused] = itemsOf(result, 'Set with an organization key');
				assert.equal(refused.json.httpCode, '403');
				assert.match(
					String(refused.json.description),
					/lacks the enterprise-level ManageBilling permission/,
				);
				const keys = requests.map((entry) => entry.key);
				assert.deepEqual(keys, ['enterprise', 'enterprise', 'enterprise', 'service']);
			},
		);
	}
}

module.exports = { repositoryChecks };
