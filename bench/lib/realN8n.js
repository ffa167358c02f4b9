'use strict';

/**
 * Session → Get against n8n's own HTTP Request node, in the real n8n 2.41.1 that `npm run
 * test:e2e` installs: the same items, the same URL, the same `Authorization: Bearer` header.
 * Times are each node's `executionTime` from n8n's run data; runs alternate which node goes first.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describeHost, ensureHost } = require('../../test/e2e/lib/hosts');
const { N8nInstance } = require('../../test/e2e/lib/n8n');
const { waitFor } = require('../../test/e2e/lib/proc');
const { median } = require('./stats');

const CREDENTIAL = { id: 'DevinBench000001', name: 'Devin (benchmark)' };

function workflow(id, name, target) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Start: { main: [[{ node: 'Ids', type: 'main', index: 0 }]] },
			Ids: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: target.name, type: 'main', index: 0 }]] },
		},
		nodes: [
			{
				id: `${id}-start`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			// Plain nodes, not a Code node: its task runner would compete for the CPU being measured.
			{
				id: `${id}-ids`,
				name: 'Ids',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: JSON.stringify({ sessionId: target.ids }),
					options: {},
				},
			},
			{
				id: `${id}-items`,
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'sessionId', options: {} },
			},
			{ id: `${id}-target`, position: [600, 0], ...target.node },
		],
	};
}

function devinGet(ids) {
	return {
		name: 'Devin',
		ids,
		node: {
			name: 'Devin',
			type: 'CUSTOM.devin',
			typeVersion: 1,
			parameters: {
				resource: 'session',
				operation: 'get',
				sessionId: { __rl: true, mode: 'id', value: '={{ $json.sessionId }}' },
				options: {},
			},
			credentials: { devinApi: CREDENTIAL },
		},
	};
}

function httpGet(ids, info) {
	return {
		name: 'HTTP Request',
		ids,
		node: {
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				url: `=${info.url}/v3/organizations/${info.orgId}/sessions/{{ $json.sessionId }}`,
				sendHeaders: true,
				headerParameters: {
					parameters: [{ name: 'Authorization', value: `Bearer ${info.keys.service}` }],
				},
				options: {},
			},
		},
	};
}

async function runOnce(n8n, host, id, nodeName) {
	const { data: stored } = await n8n.rest('GET', `/workflows/${id}`);
	const started = await n8n.rest('POST', `/workflows/${id}/run`, {
		workflowData: stored,
		startNodes: [],
		destinationNode: { nodeName, mode: 'inclusive' },
	});
	const executionId = started.data.executionId;
	const flatted = require(path.join(host.dir, 'node_modules', 'flatted'));
	const data = await waitFor(
		`execution ${executionId}`,
		async () => {
			// A busy machine can drop one of these polls; the next one asks again.
			const answer = await n8n.rest('GET', `/executions/${executionId}`).catch(() => null);
			const execution = answer?.data;
			if (!execution || !['success', 'error', 'crashed', 'canceled'].includes(execution.status))
				return null;
			const parsed =
				typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
			return parsed?.resultData?.runData?.[nodeName] ? { execution, parsed } : null;
		},
		180_000,
		200,
	);
	const run = data.parsed.resultData.runData[nodeName][0];
	if (data.execution.status !== 'success')
		throw new Error(`${nodeName} ended ${data.execution.status}: ${JSON.stringify(run.error)}`);
	return { ms: run.executionTime, items: run.data.main[0].length };
}

/**
 * Returns `{ skipped }` when n8n 2.41.1 is not installed, else the medians of `rounds` interleaved
 * pairs of executions after one warm-up each, and how many requests each node sent. `env` is added
 * to n8n's environment (the profile sets NODE_OPTIONS).
 */
async function measureRealN8n({ emulator, items, rounds, log, env }) {
	const described = describeHost('n8n-2');
	const lock = `${described.dir}.lock`;
	if (!described.installed && !fs.existsSync(lock))
		return {
			skipped: `real n8n ${described.version} is not installed in ${described.dir}; run \`npm run test:e2e\` once to install it`,
		};
	const host = await ensureHost('n8n-2', log);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'devin-bench-n8n-'));
	const n8n = await N8nInstance.create(host, work, { env });
	try {
		const info = emulator.info;
		const ids = await emulator.seed(items, { status: 'exit', tags: ['bench'] });
		await n8n.importCredentials([
			{
				...CREDENTIAL,
				type: 'devinApi',
				data: {
					apiKey: info.keys.service,
					baseUrl: info.url,
					organizationId: info.orgId,
					apiVersion: 'auto',
					allowImpersonation: false,
				},
			},
		]);
		const flows = {
			devin: workflow('BenchDevinGet01', 'Bench: Devin Session Get', devinGet(ids)),
			http: workflow('BenchHttpGet0001', 'Bench: HTTP Request', httpGet(ids, info)),
		};
		await n8n.importWorkflows([flows.devin, flows.http]);
		log(`starting n8n ${host.version}`);
		await n8n.start({ timeoutMs: 300_000 });
		await n8n.login();
		const sides = {
			devin: { id: flows.devin.id, node: 'Devin' },
			http: { id: flows.http.id, node: 'HTTP Request' },
		};
		const times = { devin: [], http: [] };
		const requests = { devin: 0, http: 0 };
		for (const side of ['devin', 'http'])
			await runOnce(n8n, host, sides[side].id, sides[side].node);
		for (let round = 0; round < rounds; round++) {
			const order = round % 2 === 0 ? ['devin', 'http'] : ['http', 'devin'];
			for (const side of order) {
				await emulator.clearRequests();
				const result = await runOnce(n8n, host, sides[side].id, sides[side].node);
				if (result.items !== items)
					throw new Error(`${sides[side].node} put out ${result.items} items`);
				requests[side] = (await emulator.requests()).length;
				times[side].push(result.ms);
				log(`  round ${round + 1}: ${sides[side].node} ${result.ms} ms`);
			}
		}
		return {
			version: host.version,
			nodeVersion: (await n8n.cli(['--version']).catch(() => ({ stdout: '' }))).stdout.trim(),
			devinMs: median(times.devin),
			httpMs: median(times.http),
			times,
			requests,
		};
	} catch (error) {
		error.message += `\n${(n8n.startOutput ?? '').slice(-3000)}`;
		throw error;
	} finally {
		await n8n.stop();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

module.exports = { measureRealN8n };
