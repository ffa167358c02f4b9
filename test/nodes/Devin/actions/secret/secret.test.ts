import { failure } from '../../../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();

const VALUE = 'example-secret-value-7f3a9c';
const secret = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'secret',
	operation,
	...extra,
});

describe('secrets (v3)', () => {
	it('stores the value with Devin and never outputs it', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const [created] = await runNode({
			credentials,
			parameters: secret('create', {
				type: 'key-value',
				key: 'STRIPE_KEY',
				value: VALUE,
				additionalFields: { note: 'billing' },
			}),
		});
		expect(created.json).toMatchObject({
			secretId: expect.stringMatching(/^secret-/),
			key: 'STRIPE_KEY',
			secretType: 'key-value',
			isSensitive: true,
			note: 'billing',
		});
		expect(ctx.emulator.secretValue(String(created.json.secretId))).toBe(VALUE);
		const listed = await runNode({
			credentials,
			parameters: secret('getMany', { returnAll: true }),
		});
		const raw = await runNode({
			credentials,
			parameters: secret('getMany', { options: { rawOutput: true } }),
		});
		for (const output of [created, ...listed, ...raw])
			expect(JSON.stringify(output)).not.toContain(VALUE);
		const [deleted] = await runNode({
			credentials,
			parameters: secret('delete', {
				secretId: { __rl: true, mode: 'id', value: created.json.secretId },
			}),
		});
		expect(deleted.json).toEqual({ deleted: true, id: created.json.secretId });
	});

	it('keeps the value out of the error when Devin refuses it', async () => {
		const credentials = credentialsFor(ctx.emulator);
		ctx.emulator.addFault({
			method: 'POST',
			path: '/secrets',
			status: 422,
			body: { detail: `value ${VALUE} is too weak` },
		});
		const error = await failure(
			runNode({ credentials, parameters: secret('create', { key: 'K', value: VALUE }) }),
		);
		expect(
			JSON.stringify({
				message: error.message,
				description: error.description,
				messages: error.messages,
			}),
		).not.toContain(VALUE);
	});

	it('passes on a duplicate key', async () => {
		const credentials = credentialsFor(ctx.emulator);
		await runNode({ credentials, parameters: secret('create', { key: 'DUP', value: VALUE }) });
		const error = await failure(
			runNode({ credentials, parameters: secret('create', { key: 'DUP', value: VALUE }) }),
		);
		expect(error.message).toBe('The Devin API answered 409: A secret with key DUP already exists');
	});
});

describe('secrets (v1)', () => {
	it('lists and deletes, and says creating needs v3', async () => {
		await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: secret('create', { key: 'SHARED', value: VALUE }),
		});
		const credentials = credentialsFor(ctx.emulator, 'legacy');
		const listed = await runNode({ credentials, parameters: secret('getMany') });
		expect(listed.map((item) => item.json)).toEqual([
			expect.objectContaining({ secretId: expect.any(String), key: 'SHARED' }),
		]);
		const id = String(listed[0].json.secretId);
		expect(
			(await runNode({ credentials, parameters: secret('delete', { secretId: id }) }))[0].json,
		).toEqual({ deleted: true, id });
		expect(apiRequests(ctx.emulator, 'DELETE')[0].path).toBe(`/v1/secrets/${id}`);
		const error = await failure(
			runNode({ credentials, parameters: secret('create', { key: 'K', value: VALUE }) }),
		);
		expect(error.message).toBe(
			'Secret: Create is only available in Devin API v3; this credential uses v1',
		);
	});
});
