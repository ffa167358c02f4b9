'use strict';

/**
 * The Devin nodes as an n8n AI Agent's tools, with n8n's OpenAI Chat Model talking to a scripted
 * model on loopback (lib/model-server.js). The checks read what the model was sent: the tool list
 * and descriptions, the parameter schemas, and every tool answer.
 */
const assert = require('node:assert/strict');
const path = require('node:path');
const { ROOT } = require('../lib/hosts');
const { MODEL_KEY } = require('../lib/fixtures');
const { lastSeq, requestsSince, describeLog } = require('../lib/inspect');
const { toolResults } = require('../lib/model-server');
const { waitFor } = require('../lib/proc');
const { launch, signIn } = require('../lib/browser');

const TOOL_PROMPT = '#stall Fix the flaky checkout test in acme/web and open a pull request.';
const CHAT_REQUEST = 'Please fix the failing checkout test in acme/web. [script:example]';
/** A tool answer a model can afford to read often. */
const MAX_ANSWER_BYTES = 2_000;

/** A tool answer's items: n8n sends the items' JSON, as an array. */
function items(content) {
	const parsed = JSON.parse(content);
	return Array.isArray(parsed) ? parsed : [parsed];
}

/**
 * The scripted model. `tools`: a bad ID, a session, a wait that times out, a look later, an
 * answer. `example`: start a session for the chat request, wait, report the pull request.
 */
const SCRIPTS = {
	tools(body) {
		const results = toolResults(body);
		const call = (name, args) => ({ toolCalls: [{ name, args }] });
		if (results.length === 0) return call('Get_Devin_session', { Session: 'devin-doesnotexist' });
		if (results.length === 1)
			return call('Start_Devin_session', { Prompt: TOOL_PROMPT, Tags: 'agent' });
		const [created] = items(results[1].content);
		if (results.length === 2) return call('Wait_for_Devin_session', { Session: created.sessionId });
		if (results.length === 3) return call('Get_Devin_session', { Session: created.sessionId });
		const [later] = items(results[3].content);
		return { text: `Devin is on it: ${later.status} (${later.url}).` };
	},
	example(body) {
		const results = toolResults(body);
		if (results.length === 0)
			return {
				toolCalls: [
					{
						name: 'Start_Devin_session',
						args: { Prompt: 'In acme/web, fix the failing checkout test and open a pull request.' },
					},
				],
			};
		const [created] = items(results[0].content);
		if (results.length === 1)
			return {
				toolCalls: [{ name: 'Wait_for_Devin_session', args: { Session: created.sessionId } }],
			};
		const [done] = items(results[1].content);
		const link = done.pullRequests?.[0]?.prUrl;
		return { text: link ? `Devin opened a pull request: ${link}` : `Devin: ${done.status}` };
	},
};

/** What a model must never read: paths, organization IDs, keys, the builder's settings. */
function assertNothingInternal(text, keys, what) {
	for (const pattern of [
		/\/v[13](beta1)?\//,
		/organizations\//,
		/\borg-[A-Za-z0-9]/,
		/\bcog_|\bapk_/,
		/Timeout \(Minutes\)|Wait for Completion|Stop On|Raw Output/,
	])
		assert.doesNotMatch(text, pattern, `${what} reads ${pattern}: ${text.slice(0, 400)}`);
	for (const key of keys) assert.ok(!text.includes(key), `${what} holds a key`);
}

function toolsOffered(body) {
	return Object.fromEntries((body.tools ?? []).map((tool) => [tool.function.name, tool.function]));
}

async function agentToolsChecks({ n8n, fast, workflows, model, checks, log }) {
	const { TOOL_DESCRIPTIONS, MODEL_INPUTS } = require(
		path.join(ROOT, 'dist', 'nodes', 'Devin', 'descriptions', 'tool.js'),
	);
	const keys = [...Object.values(fast.info().keys), MODEL_KEY];
	const workflow = workflows.byName['agent-tools'];
	const seq = lastSeq(fast);
	const first = model.requests.length;
	const started = Date.now();
	const result = await n8n.execute(workflow.id);
	log(
		`  ran "${workflow.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${result.code})`,
	);
	const sent = model.requests.slice(first).map((entry) => entry.body);
	const devin = requestsSince(fast, seq);

	await checks.check('the agent run ends with the model’s answer, after five tool calls', () => {
		assert.equal(
			result.code,
			0,
			`n8n execute exited with ${result.code}:\n${result.output.slice(-2500)}`,
		);
		const scriptErrors = model.requests.slice(first).filter((entry) => entry.scriptError);
		assert.deepEqual(
			scriptErrors.map((entry) => entry.scriptError),
			[],
		);
		assert.equal(sent.length, 5, `the model was asked ${sent.length} times`);
		const output =
			result.json?.data?.resultData?.runData?.['AI Agent']?.at(-1)?.data?.main?.[0]?.[0]?.json
				?.output;
		assert.match(output ?? '', /^Devin is on it: Devin is working on the task \(http/);
	});

	await checks.check(
		'the model is offered each Devin tool with its hand-written description',
		() => {
			const offered = toolsOffered(sent[0]);
			assert.deepEqual(Object.keys(offered).sort(), [
				'Get_Devin_session',
				'Read_Devin_messages',
				'Start_Devin_session',
				'Wait_for_Devin_session',
			]);
			assert.equal(
				offered.Start_Devin_session.description,
				TOOL_DESCRIPTIONS['session.create'].returnsAtOnce,
			);
			assert.equal(offered.Get_Devin_session.description, TOOL_DESCRIPTIONS['session.get']);
			assert.equal(
				offered.Wait_for_Devin_session.description,
				TOOL_DESCRIPTIONS['session.waitForCompletion'],
			);
			assert.equal(offered.Read_Devin_messages.description, TOOL_DESCRIPTIONS['message.getMany']);
			log(
				`  the model reads about Start_Devin_session: ${offered.Start_Devin_session.description}`,
			);
		},
	);

	await checks.check(
		'the model must give a prompt; title, tags, repositories and idempotency key are optional; each is described',
		() => {
			const { parameters } = toolsOffered(sent[0]).Start_Devin_session;
			assert.deepEqual(Object.keys(parameters.properties).sort(), [
				'Idempotency_Key',
				'Prompt',
				'Repositories',
				'Tags',
				'Title',
			]);
			assert.deepEqual(parameters.required, ['Prompt']);
			const described = Object.fromEntries(
				MODEL_INPUTS['session.create'].map((input) => [input.param, input.description]),
			);
			assert.equal(parameters.properties.Prompt.description, described.prompt);
			assert.equal(parameters.properties.Title.description, described['additionalFields.title']);
			assert.equal(
				parameters.properties.Repositories.description,
				described['additionalFields.repos'],
			);
			assert.equal(
				parameters.properties.Idempotency_Key.description,
				described['options.idempotencyKey'],
			);
			const session = toolsOffered(sent[0]).Get_Devin_session.parameters;
			assert.deepEqual(session.required, ['Session']);
			log(
				`  Start_Devin_session's parameters, as the model reads them: ${JSON.stringify(parameters)}`,
			);
		},
	);

	await checks.check(
		'exactly one session, with the model’s prompt and tags and a 10 ACU cap',
		() => {
			const creates = devin.filter(
				(entry) => entry.method === 'POST' && /\/sessions$/.test(entry.path),
			);
			assert.equal(creates.length, 1, `the emulator saw:\n${describeLog(devin)}`);
			assert.deepEqual(creates[0].body, {
				prompt: TOOL_PROMPT,
				tags: ['agent'],
				max_acu_limit: 10,
			});
		},
	);

	await checks.check('tool answers are small, have one status and hold nothing internal', () => {
		const results = toolResults(sent.at(-1));
		assert.equal(results.length, 4);
		for (const { name, content } of results) {
			assert.ok(
				Buffer.byteLength(content) < MAX_ANSWER_BYTES,
				`${name} answered ${Buffer.byteLength(content)} bytes`,
			);
			assertNothingInternal(content, keys, `${name}'s answer`);
		}
		const [created] = items(results[1].content);
		assert.match(created.sessionId, /^devin-/);
		assert.match(created.url, /\/sessions\//);
		assert.equal(created.phase, 'working');
		assert.equal(typeof created.status, 'string');
		for (const field of ['statusDetail', 'orgId', 'childSessionIds'])
			assert.ok(!(field in created), `the create answer has ${field}`);
		log(
			`  Start_Devin_session answered (${Buffer.byteLength(results[1].content)} bytes): ${results[1].content}`,
		);
		for (const body of sent)
			assertNothingInternal(JSON.stringify(body.messages), keys, 'the conversation');
	});

	await checks.check(
		'a bad session ID and a wait that runs out leave the agent able to carry on',
		() => {
			const results = toolResults(sent.at(-1));
			const [badId, , timedOut, later] = results;
			const error = (content) => items(content)[0].error;
			assert.match(
				error(badId.content),
				/^Devin found no session with that ID \(Devin said: .*\)\. Check the ID \(session IDs look like devin-…\), or list the sessions to find the right one\.$/,
			);
			assert.match(
				error(timedOut.content),
				/^Session devin-\w+ is still Working after 0\.1 min; it keeps running in Devin \(http\S+\)\. Get the session with ID devin-\w+ later to see its progress and results, instead of waiting now\.$/,
			);
			assert.equal(items(later.content)[0].phase, 'working');
			log(`  Get_Devin_session answered: ${later.content}`);
			log(`  a bad ID, as the model reads it: ${badId.content}`);
			log(`  a timed-out wait, as the model reads it: ${timedOut.content}`);
		},
	);
}

function parseExecution(host, execution) {
	const flatted = require(path.join(host.dir, 'node_modules', 'flatted'));
	return typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
}

/** Sends one chat message as the editor's chat panel does, and waits for the run's data. */
async function chat(n8n, host, workflow, triggerName, chatInput) {
	const { data: stored } = await n8n.rest('GET', `/workflows/${workflow.id}`);
	const message = { sessionId: 'e2e-chat-session', action: 'sendMessage', chatInput };
	const started = await n8n.rest('POST', `/workflows/${workflow.id}/run`, {
		workflowData: stored,
		triggerToStartFrom: {
			name: triggerName,
			data: {
				startTime: Date.now(),
				executionTime: 0,
				executionIndex: 0,
				source: [],
				executionStatus: 'success',
				data: { main: [[{ json: message }]] },
			},
		},
		startNodes: [],
	});
	const executionId = started.data.executionId;
	assert.ok(executionId, `no execution started: ${JSON.stringify(started)}`);
	return await waitFor(
		'the chat run to finish',
		async () => {
			const { data } = await n8n.rest('GET', `/executions/${executionId}`);
			if (!data || !['success', 'error', 'crashed', 'canceled'].includes(data.status)) return null;
			const run = parseExecution(host, data);
			return run?.resultData?.runData ? { status: data.status, run } : null;
		},
		120_000,
	);
}

async function exampleChecks({ n8n, fast, workflows, model, checks, log, host, screenshots }) {
	const workflow = workflows.byName['chat-agent-devin-pull-request'];
	const seq = lastSeq(fast);
	const first = model.requests.length;
	await n8n.start();
	try {
		await n8n.login();
		const started = Date.now();
		const { status, run } = await chat(
			n8n,
			host,
			workflow,
			'When chat message received',
			CHAT_REQUEST,
		);
		log(
			`  chatted with "${workflow.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s (${status})`,
		);
		await checks.check(
			'example "Chat agent: start a Devin session and report the pull request"',
			() => {
				assert.equal(status, 'success', JSON.stringify(run.resultData.error ?? {}).slice(0, 800));
				const answer =
					run.resultData.runData['AI Agent']?.at(-1)?.data?.main?.[0]?.[0]?.json?.output;
				assert.match(
					answer ?? '',
					/^Devin opened a pull request: https:\/\/github\.com\/acme\/web\/pull\/\d+$/,
				);
				const devin = requestsSince(fast, seq);
				const creates = devin.filter(
					(entry) => entry.method === 'POST' && /\/sessions$/.test(entry.path),
				);
				assert.equal(creates.length, 1, `the emulator saw:\n${describeLog(devin)}`);
				assert.equal(creates[0].body.max_acu_limit, 10);
				const sent = model.requests.slice(first).map((entry) => entry.body);
				assert.equal(sent.length, 3);
				assert.match(JSON.stringify(sent[0].messages), /hand coding tasks to Devin/);
				log(`  the agent answered: ${answer}`);
			},
		);
		await checks.check(
			'the editor shows a Devin Tool with its Tool Description and the fields the model defines',
			async () => {
				const file = await toolPanel(n8n, workflow, screenshots);
				log(`  the Devin Tool panel: ${path.relative(ROOT, file)}`);
			},
		);
	} finally {
		await n8n.stop();
	}
}

/** Opens the example's Start Devin session tool in Chromium, as a builder does. */
async function toolPanel(n8n, workflow, screenshots) {
	const { TOOL_DESCRIPTIONS } = require(
		path.join(ROOT, 'dist', 'nodes', 'Devin', 'descriptions', 'tool.js'),
	);
	const browser = await launch();
	try {
		const page = await (
			await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 })
		).newPage();
		await signIn(page, n8n);
		await page.goto(`${n8n.url}/workflow/${workflow.id}`, { waitUntil: 'domcontentloaded' });
		const tool = page
			.locator('[data-test-id="canvas-node"]', { hasText: 'Start Devin session' })
			.first();
		await tool.waitFor({ state: 'visible', timeout: 60_000 });
		await page.waitForTimeout(1500);
		for (let index = 0; index < 3; index++) await page.keyboard.press('Escape');
		await tool.dblclick();
		const parameters = page.locator('[data-test-id="node-parameters"]').first();
		await parameters.waitFor({ state: 'visible', timeout: 30_000 });
		await parameters
			.getByText('Tool Description', { exact: true })
			.first()
			.waitFor({ state: 'visible', timeout: 15_000 });
		await parameters
			.getByText(/Defined automatically by the/)
			.first()
			.waitFor({ state: 'visible', timeout: 15_000 });
		const texts = await parameters
			.locator('textarea')
			.evaluateAll((areas) => areas.map((area) => area.value));
		assert.ok(
			texts.includes(TOOL_DESCRIPTIONS['session.create'].returnsAtOnce),
			`the Tool Description field holds: ${JSON.stringify(texts).slice(0, 400)}`,
		);
		await page.waitForTimeout(800);
		const file = screenshots
			? path.join(ROOT, 'docs', 'devin-tool-panel.png')
			: path.join(require('node:os').tmpdir(), 'devin-tool-panel.png');
		await page.screenshot({ path: file });
		return file;
	} finally {
		await browser.close();
	}
}

async function agentChecks(context) {
	if (context.host.line !== 'n8n-2') {
		context.log('  the AI Agent checks run on n8n 2.x (Agent 3.1)');
		return;
	}
	await agentToolsChecks(context);
	await exampleChecks(context);
}

module.exports = { agentChecks, SCRIPTS };
