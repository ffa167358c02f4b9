'use strict';

/**
 * Workflows run with `n8n execute --id --rawOutput`: what n8n printed and what the emulator saw.
 */
const assert = require('node:assert/strict');
const { WRONG_KEY } = require('../lib/fixtures');
const { itemsOf, requestsSince, lastSeq, describeLog } = require('../lib/inspect');

function assertSucceeded(result) {
	assert.equal(
		result.code,
		0,
		`n8n execute exited with ${result.code}:\n${result.output.slice(-2500)}`,
	);
	assert.ok(result.json, `no execution JSON in n8n's output:\n${result.output.slice(-1500)}`);
	const error = result.json.data?.resultData?.error;
	assert.equal(error, undefined, `the execution failed: ${JSON.stringify(error)?.slice(0, 800)}`);
}

/** Recursively finds snake_case keys (Devin's wire names) outside user data. */
function snakeKeys(value, found = [], trail = '') {
	if (Array.isArray(value))
		value.forEach((entry, index) => snakeKeys(entry, found, `${trail}[${index}]`));
	else if (value && typeof value === 'object')
		for (const [key, entry] of Object.entries(value)) {
			if (key === 'structuredOutput') continue;
			if (/^[a-z]+(_[a-z0-9]+)+$/.test(key)) found.push(`${trail}.${key}`);
			snakeKeys(entry, found, `${trail}.${key}`);
		}
	return found;
}

function assertCamelCase(items) {
	const found = items.flatMap((item) => snakeKeys(item.json));
	assert.deepEqual(found, [], 'Devin field names should be camelCase in the output');
}

function assertPaired(items) {
	items.forEach((item, index) =>
		assert.ok(
			item.pairedItem !== undefined,
			`item ${index} has no pairedItem: ${JSON.stringify(item).slice(0, 200)}`,
		),
	);
}

function expectRequest(entries, method, pattern, message) {
	const match = entries.find((entry) => entry.method === method && pattern.test(entry.path));
	assert.ok(
		match,
		`${message ?? `expected ${method} ${pattern}`}; the emulator saw:\n${describeLog(entries)}`,
	);
	return match;
}

async function executeChecks({ n8n, fast, workflows, seeded, checks, log }) {
	const org = fast.info().orgId;
	const orgPath = `/v3/organizations/${org}`;
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

	{
		const { result, requests } = await runWorkflow('session-lifecycle');
		await checks.check('create → wait → messages → reply → terminate → archive', () => {
			assertSucceeded(result);
			const [created] = itemsOf(result, 'Create and wait');
			assert.match(created.json.sessionId, /^devin-/);
			assert.equal(created.json.phase, 'finished');
			assert.equal(typeof created.json.acusConsumed, 'number');
			assert.deepEqual(created.pairedItem, { item: 0 });
			const messages = itemsOf(result, 'Messages');
			assert.ok(messages.length >= 2, `expected Devin's messages, got ${messages.length}`);
			for (const name of ['Create and wait', 'Messages', 'Reply', 'Terminate', 'Archive']) {
				assertCamelCase(itemsOf(result, name));
				assertPaired(itemsOf(result, name));
			}
			const id = created.json.sessionId;
			const path = `${orgPath}/sessions/${id}`;
			const creates = requests.filter(
				(entry) => entry.method === 'POST' && entry.path === `${orgPath}/sessions`,
			);
			assert.equal(creates.length, 1, 'exactly one session is created');
			assert.ok(
				requests.filter((entry) => entry.path === path && entry.method === 'GET').length >= 1,
				'the wait polls the session',
			);
			expectRequest(requests, 'GET', new RegExp(`^${path}/messages$`));
			expectRequest(requests, 'POST', new RegExp(`^${path}/messages$`));
			assert.ok(
				requests.some(
					(entry) =>
						(entry.method === 'DELETE' && entry.path === path) ||
						entry.path === `${path}/terminate`,
				),
				`the session is terminated; the emulator saw:\n${describeLog(requests)}`,
			);
			expectRequest(requests, 'POST', new RegExp(`^${path}/archive$`));
			const strangers = requests.filter((entry) => entry.key !== 'service');
			assert.deepEqual(
				strangers.map((entry) => `${entry.path} ${entry.key}`),
				[],
				'every call carries the credential key',
			);
			const outside = requests.filter(
				(entry) => !entry.path.startsWith(orgPath) && entry.path !== '/v3/self',
			);
			assert.deepEqual(
				outside.map((entry) => entry.path),
				[],
				'every call is scoped to the organization',
			);
			assert.equal(fast.store.get(id).is_archived, true, 'the session ends archived');
		});
	}

	{
		const { result, requests } = await runWorkflow('get-many-return-all');
		await checks.check('get many with Return All pages through every session', () => {
			assertSucceeded(result);
			const items = itemsOf(result, 'All seeded sessions');
			assert.equal(items.length, seeded.seededCount);
			assert.equal(
				new Set(items.map((item) => item.json.sessionId)).size,
				seeded.seededCount,
				'no duplicates',
			);
			assertCamelCase(items.slice(0, 5));
			const lists = requests.filter(
				(entry) => entry.method === 'GET' && entry.path === `${orgPath}/sessions`,
			);
			assert.ok(lists.length >= 2, `expected several pages, got ${lists.length}`);
			assert.ok(
				lists.slice(1).every((entry) => entry.query.after?.length === 1),
				'later pages send the cursor',
			);
			assert.ok(
				lists.every((entry) => entry.query.tags?.[0] === 'seeded'),
				'the tag filter is sent',
			);
		});
	}

	{
		const { result } = await runWorkflow('continue-on-fail');
		await checks.check('Continue On Fail gives an error item and keeps going', () => {
			assertSucceeded(result);
			const items = itemsOf(result, 'Get session');
			assert.equal(items.length, 2);
			assert.match(JSON.stringify(items[0].json.error ?? items[0].json), /404|not found/i);
			assert.deepEqual(items[0].pairedItem, { item: 0 });
			assert.equal(items[1].json.sessionId, seeded.sessionId);
			assert.deepEqual(items[1].pairedItem, { item: 1 });
		});
	}

	{
		const { result, requests } = await runWorkflow('wrong-api-key');
		await checks.check('a revoked key gives a readable 401 without the key', () => {
			assert.notEqual(result.code, 0, 'the execution fails');
			assert.match(result.output, /401/);
			assert.match(result.output, /API key|api key/);
			assert.ok(!result.output.includes(WRONG_KEY), 'the key is not printed');
			assert.ok(requests.length >= 1 && requests.every((entry) => entry.key === 'invalid'));
		});
	}

	{
		const { result, requests } = await runWorkflow('every-resource');
		await checks.check(
			'tags, knowledge, playbooks, secrets, schedules, insights, account, attachments',
			() => {
				assertSucceeded(result);
				const [tags] = itemsOf(result, 'Get tags');
				for (const tag of ['bug', 'e2e', 'n8n'])
					assert.ok(tags.json.tags.includes(tag), `tag ${tag} in ${tags.json.tags}`);
				const [note] = itemsOf(result, 'Create note');
				assert.match(note.json.noteId, /\S/);
				assert.deepEqual(itemsOf(result, 'Delete note')[0].json, {
					deleted: true,
					id: note.json.noteId,
				});
				const [playbook] = itemsOf(result, 'Create playbook');
				assert.equal(playbook.json.macro, '!bump');
				const [secret] = itemsOf(result, 'Create secret');
				const sent = expectRequest(requests, 'POST', /\/secrets$/);
				assert.equal(sent.body?.value, 'e2e-secret-value-never-shown', 'the value reached Devin');
				assert.match(secret.json.secretId, /\S/);
				assert.ok(
					!result.output.includes('e2e-secret-value-never-shown'),
					'the secret value is in no output',
				);
				const [schedule] = itemsOf(result, 'Get schedule');
				assert.equal(schedule.json.frequency, '0 9 * * 1');
				const [insights] = itemsOf(result, 'Generate insights');
				assert.equal(insights.json.sessionId, seeded.sessionId);
				const [account] = itemsOf(result, 'Account');
				assertCamelCase([account]);
				const [upload] = itemsOf(result, 'Upload attachment');
				assert.match(upload.json.attachmentLine, /^ATTACHMENT:"http/);
				const [download] = itemsOf(result, 'Download attachment');
				assert.equal(download.binary?.data?.fileName, 'steps.txt');
				assert.match(download.binary?.data?.mimeType ?? '', /^text\/plain/);
				const presigned = requests.filter((entry) => entry.path.startsWith('/_presigned/'));
				assert.equal(presigned.length, 1, 'the file comes from the presigned URL');
				assert.equal(
					presigned[0].authorization,
					false,
					'no Authorization header goes to the presigned URL',
				);
				for (const name of Object.keys(result.json.data.resultData.runData))
					if (!['Start', 'File text', 'Make a file'].includes(name))
						assertPaired(itemsOf(result, name));
			},
		);
	}

	{
		const { result, requests } = await runWorkflow('enterprise');
		await checks.check('enterprise sessions always send org_ids; audit logs; consumption', () => {
			assertSucceeded(result);
			const sessions = itemsOf(result, 'Enterprise sessions');
			assert.ok(sessions.length >= 1);
			assert.ok(
				sessions.every((item) => item.json.orgId === org),
				'only the credential organization',
			);
			const list = expectRequest(requests, 'GET', /^\/v3\/enterprise\/sessions$/);
			assert.deepEqual(list.query.org_ids, [org]);
			assert.ok(itemsOf(result, 'Audit logs').length >= 1);
			assert.ok(itemsOf(result, 'Consumption').length >= 1);
			assert.ok(requests.every((entry) => entry.key === 'enterprise'));
		});
	}

	{
		const { result, requests } = await runWorkflow('legacy-v1');
		await checks.check('a legacy apk_ key drives the v1 API', () => {
			assertSucceeded(result);
			const [created] = itemsOf(result, 'Create (v1)');
			assert.match(created.json.sessionId, /^devin-/);
			const [got] = itemsOf(result, 'Get (v1)');
			assert.ok(got.json.phase, 'v1 sessions carry a phase');
			assertCamelCase([got]);
			assert.deepEqual([...fast.store.get(created.json.sessionId).tags].sort(), [
				'from-n8n',
				'legacy',
			]);
			assert.ok(
				requests.every((entry) => entry.path.startsWith('/v1/')),
				'only v1 endpoints',
			);
			assert.ok(requests.every((entry) => entry.key === 'legacy'));
			assert.ok(itemsOf(result, 'List (v1)').length >= 1);
		});
	}

	// The examples, as a user imports them (Slack replaced by the emulator's sink).
	{
		const sinkBefore = fast.data.sink.length;
		const { result } = await runWorkflow('bug-report-to-pull-request');
		await checks.check('example "Bug report → Devin session → wait → post PR link"', () => {
			assertSucceeded(result);
			const [session] = itemsOf(result, 'Devin: fix the bug');
			assert.equal(session.json.phase, 'finished');
			const posts = fast.data.sink.slice(sinkBefore);
			assert.equal(posts.length, 1, 'one message posted');
			assert.match(JSON.stringify(posts[0].body), /github\.com|pull/);
			assert.doesNotMatch(posts[0].body.text, /^\s|\s$| {2}/, 'no stray spaces in the message');
		});
	}

	{
		const { result, requests } = await runWorkflow('nightly-sessions-structured-output');
		await checks.check(
			'example "Nightly: create sessions from a list and collect structured output" starts every session before waiting',
			() => {
				assertSucceeded(result);
				const [report] = itemsOf(result, 'Nightly report');
				assert.equal(report.json.results.length, 3, 'one result per task');
				for (const row of report.json.results) {
					assert.equal(row.phase, 'finished');
					assert.ok(row.summary && row.risk, `structured output in ${JSON.stringify(row)}`);
				}
				const creates = requests.filter(
					(entry) => entry.method === 'POST' && entry.path === `${orgPath}/sessions`,
				);
				const polls = requests.filter(
					(entry) => entry.method === 'GET' && entry.path.startsWith(`${orgPath}/sessions/`),
				);
				assert.equal(creates.length, 3, 'three sessions created');
				// Sessions run side by side: N of them take about one session's time, not N times it.
				assert.ok(
					creates.every((create) => create.seq < polls[0].seq),
					`every session starts before the first wait:\n${describeLog(requests)}`,
				);
			},
		);
	}

	{
		const collected = () =>
			fast.store.list([org]).filter((session) => session.tags.includes('n8n-collect'));
		const first = await runWorkflow('start-sessions-for-trigger');
		const second = await runWorkflow('start-sessions-for-trigger');
		await checks.check(
			'example "Start sessions for a list of tasks": run twice, each task has one session',
			() => {
				assertSucceeded(first.result);
				assertSucceeded(second.result);
				const started = itemsOf(first.result, 'Devin: start session');
				const again = itemsOf(second.result, 'Devin: start session');
				assert.equal(started.length, 3);
				assert.ok(started.every((item) => item.json.isNewSession === true));
				assert.ok(again.every((item) => item.json.isNewSession === false));
				assert.deepEqual(
					again.map((item) => item.json.sessionId),
					started.map((item) => item.json.sessionId),
				);
				assert.equal(
					collected().length,
					3,
					'the Idempotency Key kept the re-run from paying again',
				);
			},
		);
	}

	{
		const before = fast.store.list([org]).filter((session) => !session.is_archived).length;
		const { result } = await runWorkflow('tag-and-archive-finished-sessions');
		await checks.check('example "Tag and archive finished sessions"', () => {
			assertSucceeded(result);
			const archived = itemsOf(result, 'Archive');
			assert.ok(
				archived.length >= seeded.seededCount,
				`archived ${archived.length} of ${before} open sessions`,
			);
			const tagged = fast.store
				.list([org])
				.filter((session) => session.tags.includes('archived-by-n8n'));
			assert.equal(tagged.length, archived.length);
			assert.ok(tagged.every((session) => session.is_archived));
		});
	}
}

module.exports = { executeChecks };
