'use strict';

/**
 * The credentials and workflows imported into each n8n: the examples as a user would import them,
 * and the e2e workflows, with the package's node types, URLs and IDs fitted to this run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./hosts');

const SLACK_PLACEHOLDER = 'https://hooks.slack.com/services/REPLACE/WITH/YOURS';
const MAIN_CREDENTIAL = { id: 'DevinEmulator001', name: 'Devin account' };
const REALTIME_CREDENTIAL = { id: 'DevinRealtime0001', name: 'Devin account (trigger tests)' };
const WRONG_KEY = 'cog_e2e_revoked_key_0123456789abcdef';
/** The OpenAI credential the agent workflows use; in the tests it points at the scripted model. */
const OPENAI_CREDENTIAL = { id: 'OpenAiAccount0001', name: 'OpenAI account' };
const MODEL_KEY = 'sk-scripted-model-not-a-real-key';

function credential(id, name, data) {
	return {
		id,
		name,
		type: 'devinApi',
		data: { apiVersion: 'auto', allowImpersonation: false, ...data },
	};
}

/** The "Devin account" credential the examples use, with the emulator's service key. */
function mainCredential(emulator) {
	const { keys, orgId, url } = emulator.info();
	return credential(MAIN_CREDENTIAL.id, MAIN_CREDENTIAL.name, {
		apiKey: keys.service,
		organizationId: orgId,
		baseUrl: url,
	});
}

/** Every credential the workflows use, pointing at the emulators (and the scripted model). */
function credentialsFor({ fast, realtime, model }) {
	const keys = fast.info().keys;
	const main = mainCredential(fast);
	const list = [
		main,
		credential('DevinWrongKey0001', 'Devin (revoked key)', { ...main.data, apiKey: WRONG_KEY }),
		credential('DevinEnterprise01', 'Devin (enterprise key)', {
			...main.data,
			apiKey: keys.enterprise,
		}),
		credential('DevinLegacyV10001', 'Devin (legacy v1 key)', {
			apiKey: keys.legacy,
			organizationId: '',
			baseUrl: fast.url,
		}),
	];
	if (model)
		list.push({
			...OPENAI_CREDENTIAL,
			type: 'openAiApi',
			data: { apiKey: MODEL_KEY, url: model.url, organizationId: '' },
		});
	if (realtime)
		list.push(
			credential(REALTIME_CREDENTIAL.id, REALTIME_CREDENTIAL.name, {
				apiKey: realtime.info().keys.service,
				organizationId: '',
				baseUrl: realtime.url,
			}),
		);
	return list;
}

function readDir(dir) {
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file: path.join(path.basename(dir), file),
			workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')),
		}));
}

const isTrigger = (workflow) => workflow.nodes.some((node) => /\.devinTrigger$/.test(node.type));

/**
 * Fits a workflow to this run: our nodes load as CUSTOM.* (custom extensions), placeholders become
 * the emulator's sink and the seeded session, and trigger workflows use the real-time emulator.
 */
function fit(workflow, { fast, realtime, seededSessionId }) {
	const trigger = isTrigger(workflow);
	const emulator = trigger && realtime ? realtime : fast;
	const text = JSON.stringify(workflow)
		.replace(/"n8n-nodes-devin\.(devin|devinTrigger|devinTool)"/g, '"CUSTOM.$1"')
		.split(SLACK_PLACEHOLDER)
		.join(`${emulator.url}/_emulator/sink`)
		.split('{{SINK_URL}}')
		.join(`${emulator.url}/_emulator/sink`)
		.split('{{SEEDED_SESSION_ID}}')
		.join(seededSessionId ?? '');
	const fitted = JSON.parse(text);
	if (trigger && realtime)
		for (const node of fitted.nodes) {
			if (node.credentials?.devinApi?.id === MAIN_CREDENTIAL.id)
				node.credentials.devinApi = { ...REALTIME_CREDENTIAL };
			// Only n8n's activation polls (one per `n8n start`): a minute cron could poll at any moment.
			if (/\.devinTrigger$/.test(node.type))
				node.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: '0 0 1 1 *' }] };
		}
	fitted.active = false;
	return fitted;
}

function loadWorkflows(context) {
	const entries = [
		...readDir(path.join(ROOT, 'examples')),
		...readDir(path.join(ROOT, 'test', 'e2e', 'workflows')),
	];
	// n8n 1.x keeps a trigger's static data only for workflow IDs of at most 16 characters.
	for (const { file, workflow } of entries)
		if (!/^[A-Za-z0-9]{1,16}$/.test(workflow.id))
			throw new Error(`${file}: workflow id "${workflow.id}" must be 1–16 letters or digits`);
	const all = entries.map(({ workflow }) => fit(workflow, context));
	const byName = Object.fromEntries(
		entries.map(({ file }, index) => [path.basename(file, '.json'), all[index]]),
	);
	return { all, byName };
}

module.exports = { credentialsFor, mainCredential, loadWorkflows, WRONG_KEY, MODEL_KEY };
