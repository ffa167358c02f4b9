import { failure } from '../../../../helpers/failure';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNode } from '../../../../helpers/n8n';

const ctx = useEmulator();

const schedule = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'schedule',
	operation,
	...extra,
});
const locator = (id: unknown) => ({ __rl: true, mode: 'id', value: String(id) });

describe('schedules', () => {
	it('creates a recurring schedule, pauses it with a partial update, and deletes it', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const [created] = await runNode({
			credentials,
			parameters: schedule('create', {
				name: 'Nightly deps',
				prompt: 'Update dependencies',
				frequency: '0 2 * * *',
				additionalFields: { tags: 'n8n, deps', notifyOn: 'always' },
			}),
		});
		expect(created.json).toMatchObject({
			scheduledSessionId: expect.stringMatching(/^sched-/),
			name: 'Nightly deps',
			frequency: '0 2 * * *',
			scheduleType: 'recurring',
			enabled: true,
			tags: ['n8n', 'deps'],
			notifyOn: 'always',
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/),
		});
		const id = created.json.scheduledSessionId;
		const [paused] = await runNode({
			credentials,
			parameters: schedule('update', { scheduleId: locator(id), updateFields: { enabled: false } }),
		});
		expect(paused.json).toMatchObject({ enabled: false, name: 'Nightly deps' });
		expect(apiRequests(ctx.emulator, 'PATCH')[0].body).toEqual({ enabled: false });
		expect(
			(await runNode({ credentials, parameters: schedule('get', { scheduleId: locator(id) }) }))[0]
				.json.enabled,
		).toBe(false);
		expect(
			(
				await runNode({ credentials, parameters: schedule('delete', { scheduleId: locator(id) }) })
			)[0].json,
		).toEqual({ deleted: true, id });
	});

	it('creates a one-time schedule at a moment given in the workflow time zone', async () => {
		const [created] = await runNode({
			credentials: credentialsFor(ctx.emulator),
			timezone: 'Europe/Berlin',
			parameters: schedule('create', {
				name: 'Once',
				prompt: 'Do it once',
				scheduleType: 'oneTime',
				scheduledAt: '2027-03-01T09:30:00',
			}),
		});
		expect(apiRequests(ctx.emulator, 'POST')[0].body).toMatchObject({
			schedule_type: 'one_time',
			scheduled_at: '2027-03-01T08:30:00.000Z',
		});
		expect(created.json).toMatchObject({
			scheduleType: 'one_time',
			scheduledAt: '2027-03-01T08:30:00.000Z',
		});
	});

	it('pages with limit/offset behind Return All', async () => {
		const credentials = credentialsFor(ctx.emulator);
		for (let index = 0; index < 3; index++) {
			await runNode({
				credentials,
				parameters: schedule('create', { name: `s${index}`, prompt: 'p', frequency: '0 * * * *' }),
			});
		}
		const output = await runNode({ credentials, parameters: schedule('getMany', { limit: 2 }) });
		expect(output).toHaveLength(2);
		expect(apiRequests(ctx.emulator, 'GET', '/schedules')[0].query).toEqual({
			limit: ['2'],
			offset: ['0'],
		});
		expect(
			await runNode({ credentials, parameters: schedule('getMany', { returnAll: true }) }),
		).toHaveLength(3);
	});

	it('checks cron, impersonation and the schedule type before sending', async () => {
		const credentials = credentialsFor(ctx.emulator);
		const cron = await failure(
			runNode({
				credentials,
				parameters: schedule('create', { name: 'x', prompt: 'p', frequency: 'every day' }),
			}),
		);
		expect(cron.message).toBe('Frequency: "every day" is not a cron expression');
		const missing = await failure(
			runNode({
				credentials,
				parameters: schedule('create', { name: 'x', prompt: 'p', scheduleType: 'oneTime' }),
			}),
		);
		expect(missing.message).toBe('Scheduled At: is empty');
		const target = await failure(
			runNode({
				credentials,
				parameters: schedule('create', {
					name: 'x',
					prompt: 'p',
					frequency: '0 * * * *',
					additionalFields: { targetSessionId: 'devin-1' },
				}),
			}),
		);
		expect(target.message).toBe('Target Session ID: only works with a one-time schedule');
		const impersonate = await failure(
			runNode({
				credentials,
				parameters: schedule('update', {
					scheduleId: locator('sched-1'),
					updateFields: { runAsUserId: 'u' },
				}),
			}),
		);
		expect(impersonate.message).toBe(
			'Run As User ID: is set, but the credential does not allow impersonation',
		);
		expect(apiRequests(ctx.emulator)).toHaveLength(0);
	});

	it('needs API v3', async () => {
		const error = await failure(
			runNode({
				credentials: credentialsFor(ctx.emulator, 'legacy'),
				parameters: schedule('getMany'),
			}),
		);
		expect(error.message).toBe(
			'Schedule: Get Many is only available in Devin API v3; this credential uses v1',
		);
	});
});
