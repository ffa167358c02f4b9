import { apiRequests, credentialsFor, useEmulator } from '../../../helpers/emulator';
import { failure } from '../../../helpers/failure';
import { runNode } from '../../../helpers/n8n';

const ctx = useEmulator();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const sessionGet = { resource: 'session', operation: 'get', sessionId: byId('={{ $json.id }}') };

/** Twenty items, two of them naming sessions that do not exist. */
function itemsWithTwoMissing() {
	const ids = ctx.emulator
		.seedSessions(20, { status: 'exit' })
		.map((session) => String(session.session_id));
	ids[3] = 'devin-missing3';
	ids[11] = 'devin-missing11';
	return { ids, items: ids.map((id) => ({ json: { id } })) };
}

describe('the per-item loop', () => {
	it('keeps item order, pairing and Continue On Fail when reads run side by side', async () => {
		const { ids, items } = itemsWithTwoMissing();
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator),
			parameters: sessionGet,
			items,
			continueOnFail: true,
		});
		expect(output).toHaveLength(20);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index === 3 || index === 11)
				expect(item.json.error).toBe(`The Devin API answered 404: Session ${ids[index]} not found`);
			else expect(item.json.sessionId).toBe(ids[index]);
		});
	});

	it('fails with the first failing item, as a one-by-one loop would', async () => {
		const { items } = itemsWithTwoMissing();
		const error = await failure(
			runNode({ credentials: credentialsFor(ctx.emulator), parameters: sessionGet, items }),
		);
		expect(error.message).toContain('devin-missing3');
		expect(error.context.itemIndex).toBe(3);
	});

	it('sends the requests of a read several at a time', async () => {
		const ids = ctx.emulator.seedSessions(8).map((session) => String(session.session_id));
		// Each answer takes two seconds: one at a time, the eighth request would come 14 s after the first.
		ctx.emulator.addFault({ kind: 'delay', delayMs: 2_000, path: '/sessions/devin-', count: 8 });
		await runNode({
			credentials: credentialsFor(ctx.emulator, 'service', { organizationId: 'org-emulator-demo' }),
			parameters: sessionGet,
			items: ids.map((id) => ({ json: { id } })),
		});
		const arrivals = apiRequests(ctx.emulator, 'GET', '/sessions/devin-').map((entry) => entry.at);
		expect(arrivals).toHaveLength(8);
		expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(2_000);
	});

	it('sends writes one after the other', async () => {
		const ids = ctx.emulator
			.seedSessions(3, { status: 'running', status_detail: 'working' })
			.map((session) => String(session.session_id));
		ctx.emulator.addFault({ kind: 'delay', delayMs: 300, method: 'DELETE', count: 3 });
		await runNode({
			credentials: credentialsFor(ctx.emulator, 'service', { organizationId: 'org-emulator-demo' }),
			parameters: {
				resource: 'session',
				operation: 'terminate',
				sessionId: byId('={{ $json.id }}'),
			},
			items: ids.map((id) => ({ json: { id } })),
		});
		const arrivals = apiRequests(ctx.emulator, 'DELETE').map((entry) => entry.at);
		expect(arrivals).toHaveLength(3);
		expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(300);
		expect(arrivals[2] - arrivals[1]).toBeGreaterThanOrEqual(300);
	});
});
