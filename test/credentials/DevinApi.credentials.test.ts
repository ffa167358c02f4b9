import axios from 'axios';
import { Workflow } from 'n8n-workflow';
import type { INode, INodeTypes } from 'n8n-workflow';

import { DevinApi } from '../../credentials/DevinApi.credentials';
import { credentialsFor, useEmulator } from '../helpers/emulator';
import type { DevinCredentials } from '../helpers/n8n';

const ctx = useEmulator();
const credential = new DevinApi();

/** Resolves one of the credential's expressions the way n8n does. */
function resolve(value: unknown, credentials: Partial<DevinCredentials>): string {
	const node = {
		id: '1',
		name: 'Test',
		type: 'test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as INode;
	const nodeTypes = {
		getByName: () => undefined,
		getByNameAndVersion: () => undefined,
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		value as string,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	) as string;
}

/** Resolves the credential's test request the way n8n does, then sends it. */
async function runCredentialTest(credentials: DevinCredentials) {
	const { request } = credential.test;
	const url = `${resolve(request.baseURL, credentials)}${resolve(request.url, credentials)}`;
	const authorization = resolve(
		credential.authenticate.properties.headers?.Authorization,
		credentials,
	);
	const response = await axios.get(url, {
		headers: { Authorization: authorization },
		validateStatus: () => true,
	});
	return { url, status: response.status };
}

/** What n8n's credential test shows for a failed status: the matching rule's message. */
function ruleMessage(status: number): string | undefined {
	const rule = credential.test.rules?.find(
		(entry) => entry.type === 'responseCode' && entry.properties.value === status,
	);
	return rule?.type === 'responseCode' ? rule.properties.message : undefined;
}

describe('Devin API credential', () => {
	it('has the field names saved workflows depend on', () => {
		expect(credential.name).toBe('devinApi');
		expect(credential.properties.map((property) => property.name)).toEqual([
			'apiKey',
			'organizationId',
			'baseUrl',
			'apiVersion',
			'allowImpersonation',
		]);
		expect(credential.properties[0].typeOptions?.password).toBe(true);
	});

	it('tests a cog_ key against /v3/self', async () => {
		const result = await runCredentialTest(credentialsFor(ctx.emulator));
		expect(result).toEqual({ url: `${ctx.emulator.url}/v3/self`, status: 200 });
	});

	it('tests a legacy apk_ key against the v1 session list', async () => {
		const result = await runCredentialTest(credentialsFor(ctx.emulator, 'legacy'));
		expect(result).toEqual({ url: `${ctx.emulator.url}/v1/sessions?limit=1`, status: 200 });
	});

	it('follows an explicit API version', async () => {
		const result = await runCredentialTest(
			credentialsFor(ctx.emulator, 'legacy', { apiVersion: 'v3' }),
		);
		expect(result).toEqual({ url: `${ctx.emulator.url}/v3/self`, status: 401 });
	});

	it('tolerates a trailing slash and a pasted /v3, and fails a wrong key', async () => {
		const base = credentialsFor(ctx.emulator, 'service', { baseUrl: `${ctx.emulator.url}/v3/` });
		expect(await runCredentialTest(base)).toEqual({
			url: `${ctx.emulator.url}/v3/self`,
			status: 200,
		});
		expect((await runCredentialTest({ ...base, apiKey: 'cog_wrong' })).status).toBe(401);
	});

	it('explains a rejected key and a wrong base URL instead of "Unauthorized"', async () => {
		const wrongKey = credentialsFor(ctx.emulator, 'service', { apiKey: 'cog_revoked' });
		const { status } = await runCredentialTest(wrongKey);
		expect(ruleMessage(status)).toMatch(/rejected the API key \(401\).*apk_/);
		const wrongHost = credentialsFor(ctx.emulator, 'service', {
			baseUrl: `${ctx.emulator.url}/not-devin`,
		});
		const missing = await runCredentialTest(wrongHost);
		expect(missing.status).toBe(404);
		expect(ruleMessage(missing.status)).toMatch(/Check the Base URL/);
		expect(ruleMessage(403)).toMatch(/permissions/);
	});

	it('defaults to the public API', () => {
		expect(resolve(credential.test.request.baseURL, { apiKey: 'cog_x', baseUrl: '' })).toBe(
			'https://api.devin.ai',
		);
	});
});
