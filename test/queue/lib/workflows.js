'use strict';

/**
 * The workflows and credentials of the queue scenarios. Each scenario has its own emulator (so its
 * session list and request log are its own), its own credential pointing there, and one workflow
 * that reports what the Devin node output to that emulator's sink.
 */
const crypto = require('node:crypto');

/** Stable UUIDs from names, so a workflow file is the same on every run. */
function uuid(name) {
	const hex = crypto.createHash('sha1').update(name).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function credential(id, name, emulator) {
	const { keys, orgId, url } = emulator.info();
	return {
		id,
		name,
		type: 'devinApi',
		data: {
			apiVersion: 'auto',
			allowImpersonation: false,
			apiKey: keys.service,
			organizationId: orgId,
			baseUrl: url,
		},
	};
}

function node(workflowId, name, type, typeVersion, parameters, position, extra = {}) {
	return {
		id: uuid(`${workflowId}/${name}`),
		name,
		type,
		typeVersion,
		position,
		parameters,
		...extra,
	};
}

function webhook(workflowId, route) {
	return node(
		workflowId,
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		{ httpMethod: 'POST', path: route, responseMode: 'onReceived', options: {} },
		[0, 0],
		{ webhookId: uuid(`${workflowId}/webhook`) },
	);
}

function devin(workflowId, name, parameters, cred, position) {
	return node(workflowId, name, 'CUSTOM.devin', 1, parameters, position, {
		credentials: { devinApi: { id: cred.id, name: cred.name } },
	});
}

/** POSTs one JSON report per item to the emulator's sink: what a user's Slack message would carry. */
function sink(workflowId, name, emulator, fields, position) {
	const entries = Object.entries(fields)
		.map(([key, expression]) => `${key}: ${expression}`)
		.join(', ');
	return node(
		workflowId,
		name,
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'POST',
			url: `${emulator.url}/_emulator/sink`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ ${entries}, executionId: $execution.id }) }}`,
			options: {},
		},
		position,
	);
}

const link = (to, index = 0) => ({ node: to, type: 'main', index });

function workflow(id, name, nodes, connections) {
	return {
		id,
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
	};
}

/** What every webhook scenario reports: the request's key and what the Devin node put out. */
const REPORT = {
	scenario: "$('Webhook').item.json.body.scenario",
	key: "$('Webhook').item.json.body.key",
	attempt: "$('Webhook').item.json.body.attempt ?? 1",
	sessionId: '$json.sessionId',
	phase: '$json.phase',
	isNewSession: '$json.isNewSession',
};

/** Webhook → Devin Session Create (optionally waiting in the node) → sink. */
function createFlow({ id, route, emulator, cred, wait, idempotencyKey }) {
	const create = devin(
		id,
		'Create session',
		{
			resource: 'session',
			operation: 'create',
			prompt: '={{ $json.body.prompt }}',
			waitForCompletion: wait,
			...(wait ? { timeoutMinutes: 10, pollIntervalSeconds: 1 } : {}),
			additionalFields: { title: '={{ $json.body.title }}', tags: `qm-${route}` },
			options: idempotencyKey ? { idempotencyKey: '={{ $json.body.key }}' } : {},
		},
		cred,
		[220, 0],
	);
	return workflow(
		id,
		`queue: ${route}`,
		[webhook(id, route), create, sink(id, 'Report', emulator, REPORT, [440, 0])],
		{
			Webhook: { main: [[link('Create session')]] },
			'Create session': { main: [[link('Report')]] },
		},
	);
}

/**
 * The durable wait: Create (no in-node wait) → n8n's Wait node (over 65 s, so n8n saves the
 * execution as waiting and frees the worker) → Check Status, whose Still Working output loops back.
 */
function durableFlow({ id, route, emulator, cred, waitSeconds }) {
	const nodes = [
		webhook(id, route),
		devin(
			id,
			'Create session',
			{
				resource: 'session',
				operation: 'create',
				prompt: '={{ $json.body.prompt }}',
				waitForCompletion: false,
				additionalFields: { title: '={{ $json.body.title }}', tags: `qm-${route}` },
				options: { idempotencyKey: '={{ $json.body.key }}' },
			},
			cred,
			[220, 0],
		),
		node(
			id,
			'Wait',
			'n8n-nodes-base.wait',
			1.1,
			{ resume: 'timeInterval', amount: waitSeconds, unit: 'seconds' },
			[440, 0],
			{
				webhookId: uuid(`${id}/wait`),
			},
		),
		devin(
			id,
			'Check status',
			{
				resource: 'session',
				operation: 'checkStatus',
				sessionId: { __rl: true, mode: 'id', value: '={{ $json.sessionId }}' },
			},
			cred,
			[660, 0],
		),
		sink(id, 'Report', emulator, REPORT, [880, -100]),
		sink(id, 'Report unexpected', emulator, { ...REPORT, unexpected: 'true' }, [880, 100]),
	];
	return workflow(id, `queue: ${route}`, nodes, {
		Webhook: { main: [[link('Create session')]] },
		'Create session': { main: [[link('Wait')]] },
		Wait: { main: [[link('Check status')]] },
		// Outputs: Finished, Needs Input, Failed, Still Working.
		'Check status': {
			main: [
				[link('Report')],
				[link('Report unexpected')],
				[link('Report unexpected')],
				[link('Wait')],
			],
		},
	});
}

/** Devin Trigger (finished sessions with a tag, polled every minute on the main) → sink. */
function triggerFlow({ id, tag, emulator, cred }) {
	const trigger = node(
		id,
		'Devin Trigger',
		'CUSTOM.devinTrigger',
		1,
		{
			events: ['sessionFinished'],
			filters: { tags: tag },
			pollTimes: { item: [{ mode: 'everyMinute' }] },
		},
		[0, 0],
		{ credentials: { devinApi: { id: cred.id, name: cred.name } } },
	);
	const report = sink(
		id,
		'Report',
		emulator,
		{ scenario: "'c'", event: '$json.event', sessionId: '$json.sessionId', phase: '$json.phase' },
		[220, 0],
	);
	return workflow(id, 'queue: trigger', [trigger, report], {
		'Devin Trigger': { main: [[link('Report')]] },
	});
}

module.exports = { credential, createFlow, durableFlow, triggerFlow };
