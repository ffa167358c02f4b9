import { failure } from '../../../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();

const enterprise = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'enterprise',
	operation,
	...extra,
});

describe('enterprise.getManySessions', () => {
	it("always names the organizations: the credential's by default, never every org", async () => {
		ctx.emulator.seedSessions(3, { org_id: 'org-emulator-demo' });
		ctx.emulator.seedSessions(2, { org_id: 'org-emulator-other' });
		const credentials = credentialsFor(ctx.emulator, 'enterprise', {
			organizationId: 'org-emulator-demo',
		});
		const own = await runNode({
			credentials,
			parameters: enterprise('getManySessions', { returnAll: true }),
		});
		expect(own.map((item) => item.json.orgId)).toEqual([
			'org-emulator-demo',
			'org-emulator-demo',
			'org-emulator-demo',
		]);
		expect(apiRequests(ctx.emulator, 'GET', '/v3/enterprise/sessions')[0].query.org_ids).toEqual([
			'org-emulator-demo',
		]);
		const both = await runNode({
			credentials,
			parameters: enterprise('getManySessions', {
				returnAll: true,
				filters: { organizationIds: 'org-emulator-demo, org-emulator-other' },
			}),
		});
		expect(both).toHaveLength(5);
		for (const request of apiRequests(ctx.emulator, 'GET', '/v3/enterprise/sessions'))
			expect(request.query.org_ids).toBeDefined();
	});

	it('fails rather than list every organization when none is known', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'enterprise'),
				parameters: enterprise('getManySessions'),
			}),
		);
		expect(error.message).toBe('This API key is not tied to one organization');
		expect(apiRequests(ctx.emulator, 'GET', '/v3/enterprise/sessions')).toHaveLength(0);
	});
});

describe('enterprise.getAuditLogs', () => {
	it('pages through v3 audit logs with filters', async () => {
		const credentials = credentialsFor(ctx.emulator, 'enterprise', {
			organizationId: 'org-emulator-demo',
		});
		const all = await runNode({
			credentials,
			parameters: enterprise('getAuditLogs', { returnAll: true }),
		});
		expect(all).toHaveLength(250);
		expect(all[0].json).toMatchObject({
			auditLogId: expect.any(String),
			action: expect.any(String),
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
		});
		const sessions = await runNode({
			credentials,
			parameters: enterprise('getAuditLogs', {
				returnAll: true,
				filters: { action: 'create_session', order: 'asc' },
			}),
		});
		expect(sessions.length).toBeGreaterThan(0);
		expect(sessions.every((item) => item.json.action === 'create_session')).toBe(true);
	});

	it("checks the period against Devin's limits before sending", async () => {
		const credentials = credentialsFor(ctx.emulator, 'enterprise', {
			organizationId: 'org-emulator-demo',
		});
		const onlyBefore = await failure(
			runNode({
				credentials,
				parameters: enterprise('getAuditLogs', { filters: { before: '2026-11-01T00:00:00Z' } }),
			}),
		);
		expect(onlyBefore.message).toBe('Before: needs After too');
		const tooLong = await failure(
			runNode({
				credentials,
				parameters: enterprise('getAuditLogs', {
					filters: { after: '2026-01-01T00:00:00Z', before: '2026-11-01T00:00:00Z' },
				}),
			}),
		);
		expect(tooLong.message).toBe('Before: is more than 100 days after After');
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('pages back in time through v1 audit logs without duplicates', async () => {
		const all = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: enterprise('getAuditLogs', { returnAll: true }),
		});
		expect(all).toHaveLength(250);
		expect(new Set(all.map((item) => item.json.auditLogId)).size).toBe(250);
		expect(
			apiRequests(ctx.emulator, 'GET', '/v1/enterprise/audit-logs').length,
		).toBeGreaterThanOrEqual(3);
	});
});

describe('enterprise.getConsumption', () => {
	it('reads daily consumption in v3 and v1', async () => {
		const [v3] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'enterprise', {
				organizationId: 'org-emulator-demo',
			}),
			parameters: enterprise('getConsumption', {
				filters: { after: '2026-11-01T08:00:00Z', before: '2026-11-08T08:00:00Z' },
			}),
		});
		expect(v3.json).toMatchObject({
			totalAcus: expect.any(Number),
			consumptionByDate: expect.any(Array),
		});
		expect(apiRequests(ctx.emulator, 'GET', '/consumption/daily')[0].query).toEqual({
			time_after: ['1793520000'],
			time_before: ['1794124800'],
		});
		const [v1] = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: enterprise('getConsumption'),
		});
		expect(v1.json).toMatchObject({
			totalAcus: expect.any(Number),
			consumptionByDate: expect.any(Object),
		});
	});
});
