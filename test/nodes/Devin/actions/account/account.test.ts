import { failure } from '../../../../helpers/failure';
import { credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();

describe('account.get', () => {
	it('says who the key is', async () => {
		const [item] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: { resource: 'account', operation: 'get' },
		});
		expect(item.json).toEqual({
			principalType: 'service_user',
			serviceUserId: 'su-emulator-n8n',
			serviceUserName: 'n8n (emulator)',
			orgId: 'org-emulator-demo',
		});
	});

	it('needs API v3', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: { resource: 'account', operation: 'get' },
			}),
		);
		expect(error.message).toBe(
			'Account: Get is only available in Devin API v3; this credential uses v1',
		);
	});
});
