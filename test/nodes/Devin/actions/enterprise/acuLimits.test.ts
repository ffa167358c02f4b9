import { failure } from '../../../../helpers/failure';
import {
	apiRequests,
	credentialsFor,
	useEmulator,
	type KeyName,
} from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();
const BASE = '/v3/enterprise/consumption/acu-limits/devin';

const enterprise = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'enterprise',
	operation,
	...extra,
});
const credentials = (key: KeyName = 'enterprise') =>
	credentialsFor(ctx.emulator, key, { organizationId: 'org-emulator-demo' });

describe('enterprise ACU limits', () => {
	it('lists every limit in camelCase, paging with the cursor', async () => {
		ctx.emulator.seedAcuLimits(247);
		const all = await runNode({
			credentials: credentials(),
			parameters: enterprise('getManyAcuLimits', { returnAll: true }),
		});
		expect(all).toHaveLength(250);
		expect(all[0].json).toEqual({
			cycleAcuLimit: 5000,
			scope: 'enterprise',
			orgId: null,
			userId: null,
		});
		expect(all[1].json).toMatchObject({ scope: 'organization', orgId: 'org-emulator-other' });
		const pages = apiRequests(ctx.emulator, 'GET', BASE);
		expect(pages.map((entry) => entry.query.first)).toEqual([['200'], ['200']]);
		expect(pages[1].query.after).toHaveLength(1);

		ctx.emulator.requests = [];
		const some = await runNode({
			credentials: credentials(),
			parameters: enterprise('getManyAcuLimits', { limit: 2 }),
		});
		expect(some).toHaveLength(2);
		expect(apiRequests(ctx.emulator, 'GET', BASE).map((entry) => entry.query.first)).toEqual([
			['2'],
		]);
	});

	it("sets an organization's limit (the credential's by default) and changes it again", async () => {
		const [created] = await runNode({
			credentials: credentials(),
			parameters: enterprise('setAcuLimit', { cycleAcuLimit: 500 }),
		});
		expect(created.json).toEqual({
			cycleAcuLimit: 500,
			scope: 'organization',
			orgId: 'org-emulator-demo',
			userId: null,
		});
		const [changed] = await runNode({
			credentials: credentials(),
			parameters: enterprise('setAcuLimit', {
				organizationId: 'org-emulator-other',
				cycleAcuLimit: '={{ 0 }}',
			}),
		});
		expect(changed.json).toMatchObject({ cycleAcuLimit: 0, orgId: 'org-emulator-other' });
		expect(apiRequests(ctx.emulator, 'PUT').map((entry) => [entry.path, entry.body])).toEqual([
			[`${BASE}/organizations/org-emulator-demo`, { cycle_acu_limit: 500 }],
			[`${BASE}/organizations/org-emulator-other`, { cycle_acu_limit: 0 }],
		]);
		const limits = ctx.emulator.data.acuLimits.filter((limit) => limit.scope === 'organization');
		expect(limits).toHaveLength(2);
	});

	it.each([
		[
			'a negative limit',
			{ cycleAcuLimit: -1 },
			'Cycle ACU Limit: must be a whole number of 0 or more, got -1',
		],
		[
			'a fraction',
			{ cycleAcuLimit: 2.5 },
			'Cycle ACU Limit: must be a whole number of 0 or more, got 2.5',
		],
		[
			'text',
			{ cycleAcuLimit: 'lots' },
			'Cycle ACU Limit: must be a whole number of 0 or more, got "lots"',
		],
		[
			'an organization ID that is none',
			{ cycleAcuLimit: 5, organizationId: 'acme' },
			'Organization ID: "acme" does not look like a Devin organization ID',
		],
	])('rejects %s before any request', async (_name, parameters, message) => {
		const error = await failure(
			runNode({ credentials: credentials(), parameters: enterprise('setAcuLimit', parameters) }),
		);
		expect(error.message).toBe(message);
		expect(error.description).toBeTruthy();
		expect(ctx.emulator.requests).toHaveLength(0);
	});

	it('deletes an organization limit', async () => {
		const [output] = await runNode({
			credentials: credentials(),
			parameters: enterprise('deleteAcuLimit', { organizationId: 'org-emulator-other' }),
		});
		expect(output.json).toEqual({ deleted: true, id: 'org-emulator-other' });
		expect(
			ctx.emulator.data.acuLimits.some(
				(limit) => limit.org_id === 'org-emulator-other' && limit.scope === 'organization',
			),
		).toBe(false);
		const error = await failure(
			runNode({
				credentials: credentials(),
				parameters: enterprise('deleteAcuLimit', { organizationId: 'org-emulator-other' }),
			}),
		);
		expect(error.httpCode).toBe('404');
		expect(error.message).toContain('has no ACU limit of its own');
	});

	it.each([
		['getManyAcuLimits', {}, 'ManageBilling or ViewAccountConsumption'],
		['setAcuLimit', { cycleAcuLimit: 10 }, 'ManageBilling'],
		['deleteAcuLimit', {}, 'ManageBilling'],
	])(
		'%s with an organization-scoped key says which enterprise permission is missing',
		async (operation, parameters, permission) => {
			const error = await failure(
				runNode({
					credentials: credentials('service'),
					parameters: enterprise(operation, parameters),
				}),
			);
			expect(error.httpCode).toBe('403');
			expect(error.description).toContain(`lacks the enterprise-level ${permission} permission`);
			expect(apiRequests(ctx.emulator)).toHaveLength(1);
		},
	);

	it('says ACU limits need API v3 with a legacy key', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: enterprise('getManyAcuLimits'),
			}),
		);
		expect(error.message).toBe(
			'Enterprise: Get Many ACU Limits is only available in Devin API v3; this credential uses v1',
		);
		expect(ctx.emulator.requests).toHaveLength(0);
	});
});
