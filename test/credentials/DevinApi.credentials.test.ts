import axios from 'axios';
import { Workflow } from 'n8n-workflow';
import type { INode, INodeTypes } from 'n8n-workflow';

import { DevinApi } from '../../credentials/DevinApi.credentials';
import { startEmulator } from '../../emulator';
import { credentialsFor, useEmulator } from '../helpers/emulator';
import { runCredentialTest, type DevinCredentials } from '../helpers/n8n';

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
async function sendTestRequest(credentials: DevinCredentials) {
	const { request } = credential.test;
	const url = `${resolve(request.baseURL, credentials)}${resolve(request.url, credentials)}`;
	const { headers } = await credential.authenticate(credentials, { url });
	const response = await axios.get(url, {
		headers: { Authorization: (headers as Record<string, string>).Authorization },
		validateStatus: () => true,
	});
	return { url, status: response.status };
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
		const result = await sendTestRequest(credentialsFor(ctx.emulator));
		expect(result).toEqual({ url: `${ctx.emulator.url}/v3/self`, status: 200 });
	});

	it('tests a legacy apk_ key against the v1 session list', async () => {
		const result = await sendTestRequest(credentialsFor(ctx.emulator, 'legacy'));
		expect(result).toEqual({ url: `${ctx.emulator.url}/v1/sessions?limit=1`, status: 200 });
	});

	it('follows an explicit API version', async () => {
		const result = await sendTestRequest(
			credentialsFor(ctx.emulator, 'legacy', { apiVersion: 'v3' }),
		);
		expect(result).toEqual({ url: `${ctx.emulator.url}/v3/self`, status: 401 });
	});

	it('tolerates a trailing slash and a pasted /v3, and fails a wrong key', async () => {
		const base = credentialsFor(ctx.emulator, 'service', { baseUrl: `${ctx.emulator.url}/v3/` });
		expect(await sendTestRequest(base)).toEqual({
			url: `${ctx.emulator.url}/v3/self`,
			status: 200,
		});
		expect((await sendTestRequest({ ...base, apiKey: 'cog_wrong' })).status).toBe(401);
	});

	describe('Test in n8n', () => {
		const NOT_DEVIN =
			/^The Base URL answers, but it is not a Devin API .*Check the Base URL: it should be https:\/\/api\.devin\.ai, or your dedicated enterprise host .* without \/v3 or \/v1\.$/;

		it('passes for Devin with a cog_ key and with a legacy apk_ key', async () => {
			for (const key of ['service', 'legacy'] as const)
				expect(await runCredentialTest(credentialsFor(ctx.emulator, key))).toEqual({
					status: 'OK',
					message: 'Connection successful!',
				});
		});

		it('explains a rejected key and a missing permission instead of "Unauthorized"', async () => {
			const revoked = await runCredentialTest(
				credentialsFor(ctx.emulator, 'service', { apiKey: 'cog_revoked' }),
			);
			expect(revoked).toEqual({
				status: 'Error',
				message: expect.stringMatching(/^Devin rejected the API key \(401\).*apk_/),
			});
			const noSelf = await runCredentialTest(credentialsFor(ctx.emulator, 'noSelf'));
			expect(noSelf.message).toMatch(/not allowed to make this call \(403\).*Service Users/);
		});

		it('fails on a web page that answers every path, as the n8n editor does', async () => {
			for (const key of ['service', 'legacy'] as const) {
				ctx.emulator.addFault({ kind: 'html', status: 200 });
				const result = await runCredentialTest(credentialsFor(ctx.emulator, key));
				expect(result.status).toBe('Error');
				expect(result.message).toMatch(NOT_DEVIN);
				expect(result.message).toContain('web page');
			}
		});

		it('fails on plain text and on a 404, whether HTML or JSON', async () => {
			ctx.emulator.addFault({ kind: 'text', status: 200, body: 'OK' });
			expect((await runCredentialTest(credentialsFor(ctx.emulator))).message).toMatch(NOT_DEVIN);
			ctx.emulator.addFault({ kind: 'html', status: 404 });
			ctx.emulator.addFault({ kind: 'status', status: 404, body: { detail: 'Not Found' } });
			const elsewhere = credentialsFor(ctx.emulator, 'service', {
				baseUrl: `${ctx.emulator.url}/not-devin`,
			});
			for (const credentials of [
				credentialsFor(ctx.emulator),
				credentialsFor(ctx.emulator),
				elsewhere,
			]) {
				const result = await runCredentialTest(credentials);
				expect(result.message).toMatch(NOT_DEVIN);
				expect(result.message).toContain('404 Not Found');
			}
		});

		it('shows only the network code when nothing answers: n8n words no connection failure', async () => {
			const gone = await startEmulator();
			await gone.close();
			const result = await runCredentialTest(
				credentialsFor(ctx.emulator, 'service', { baseUrl: gone.url }),
			);
			expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
		});
	});

	it('defaults to the public API', () => {
		expect(resolve(credential.test.request.baseURL, { apiKey: 'cog_x', baseUrl: '' })).toBe(
			'https://api.devin.ai',
		);
	});
});
