import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode, INodeParameters, INodeTypes } from 'n8n-workflow';

import { Devin } from '../../../../../nodes/Devin/Devin.node';
import { apiRequests, credentialsFor, useEmulator } from '../../../../helpers/emulator';
import { runNodeOutputs } from '../../../../helpers/n8n';

const ctx = useEmulator();

const checkStatus = (extra: Record<string, unknown> = {}) => ({
	resource: 'session',
	operation: 'checkStatus',
	sessionId: { __rl: true, mode: 'id', value: '={{ $json.sessionId }}' },
	...extra,
});

const OUTPUTS = ['Finished', 'Needs Input', 'Failed', 'Still Working'];

/** Which output (by name) each input session came out of. */
function routes(outputs: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }>>) {
	const result: Record<string, string> = {};
	outputs.forEach((items, index) => {
		for (const item of items) result[String(item.json.sessionId)] = OUTPUTS[index];
	});
	return result;
}

describe('session.checkStatus', () => {
	it('routes each session to the output of its phase', async () => {
		const seed = (fields: Record<string, unknown>) =>
			ctx.emulator.seedSessions(1, fields)[0].session_id;
		const expected: Record<string, string> = {
			[seed({ status: 'running', status_detail: 'finished' })]: 'Finished',
			[seed({ status: 'exit' })]: 'Finished',
			[seed({ status: 'running', status_detail: 'waiting_for_user' })]: 'Needs Input',
			[seed({ status: 'running', status_detail: 'waiting_for_approval' })]: 'Needs Input',
			[seed({ status: 'suspended', status_detail: 'inactivity' })]: 'Needs Input',
			[seed({ status: 'error' })]: 'Failed',
			[seed({ status: 'suspended', status_detail: 'out_of_credits' })]: 'Failed',
			[seed({ status: 'running', status_detail: 'working' })]: 'Still Working',
			[seed({ status: 'claimed' })]: 'Still Working',
		};
		const ids = Object.keys(expected);
		const outputs = await runNodeOutputs({
			credentials: credentialsFor(ctx.emulator),
			parameters: checkStatus(),
			items: ids.map((sessionId) => ({ json: { sessionId } })),
		});
		expect(outputs).toHaveLength(4);
		expect(routes(outputs)).toEqual(expected);
		// Every item keeps its input item, whatever output it went to.
		const paired = outputs.flat().map((item) => (item.pairedItem as { item: number }).item);
		expect(paired.sort((a, b) => a - b)).toEqual(ids.map((_, index) => index));
		expect(outputs[0][0].json).toMatchObject({ phase: 'finished' });
	});

	it('ends a wait loop with timedOut once a session works past the Time Limit', async () => {
		const now = ctx.emulator.clock.now();
		const [old] = ctx.emulator.seedSessions(1, {
			status: 'running',
			status_detail: 'working',
			created_at: now - 3 * 3600_000,
		});
		const run = async (timeLimitHours: number) =>
			routes(
				await runNodeOutputs({
					credentials: credentialsFor(ctx.emulator),
					parameters: checkStatus({ timeLimitHours }),
					items: [{ json: { sessionId: old.session_id } }],
				}),
			)[old.session_id];
		expect(await run(4)).toBe('Still Working');
		expect(await run(2)).toBe('Failed');
		expect(await run(0)).toBe('Still Working');
		const outputs = await runNodeOutputs({
			credentials: credentialsFor(ctx.emulator),
			parameters: checkStatus({ timeLimitHours: 2 }),
			items: [{ json: { sessionId: old.session_id } }],
		});
		expect(outputs[2][0].json).toMatchObject({ timedOut: true, phase: 'working' });
	});

	it('sends errors to Failed with Continue On Fail, so a loop does not spin on them', async () => {
		const outputs = await runNodeOutputs({
			credentials: credentialsFor(ctx.emulator),
			parameters: checkStatus(),
			items: [{ json: { sessionId: 'devin-doesnotexist' } }],
			continueOnFail: true,
		});
		expect(outputs[2]).toHaveLength(1);
		expect(outputs[2][0].json.error).toMatch(/404/);
		expect(outputs[3]).toHaveLength(0);
	});

	it('answers on its single output when an AI agent uses it as a tool', async () => {
		const [session] = ctx.emulator.seedSessions(1, { status: 'running', status_detail: 'working' });
		const outputs = await runNodeOutputs({
			credentials: credentialsFor(ctx.emulator),
			parameters: checkStatus(),
			items: [{ json: { sessionId: session.session_id } }],
			nodeTypeName: 'devinTool',
		});
		expect(outputs).toHaveLength(1);
		expect(outputs[0][0].json).toMatchObject({ sessionId: session.session_id, phase: 'working' });
		expect(apiRequests(ctx.emulator, 'GET', '/sessions/')).toHaveLength(1);
	});

	it('declares four named outputs for Check Status and one for every other operation', () => {
		const devin = new Devin();
		const outputsOf = (parameters: Record<string, unknown>) => {
			const node: INode = {
				id: 'n',
				name: 'Devin',
				type: 'CUSTOM.devin',
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INodeParameters,
			};
			const workflow = new Workflow({
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes: {
					getByName: () => devin,
					getByNameAndVersion: () => devin,
					getKnownTypes: () => ({}),
				} as unknown as INodeTypes,
			});
			return NodeHelpers.getNodeOutputs(
				workflow,
				workflow.getNode('Devin') as INode,
				devin.description,
			);
		};
		expect(outputsOf({ resource: 'session', operation: 'checkStatus' })).toEqual(
			OUTPUTS.map((displayName) => ({ type: 'main', displayName })),
		);
		// Saved workflows leave defaults out: resource session, operation create.
		expect(outputsOf({})).toEqual(['main']);
		expect(outputsOf({ resource: 'tag', operation: 'get' })).toEqual(['main']);
	});
});
