import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Devin } from '../../../nodes/Devin/Devin.node';

const { description } = new Devin();
const property = (name: string) => description.properties.filter((entry) => entry.name === name);
const values = (entry: INodeProperties) =>
	(entry.options as INodePropertyOptions[]).map((option) => option.value);

/** Resource and operation values are a contract: saved workflows store them. */
const CONTRACT: Record<string, string[]> = {
	account: ['get'],
	attachment: ['download', 'getMany', 'upload'],
	enterprise: ['getAuditLogs', 'getConsumption', 'getManySessions'],
	insight: ['generate', 'get', 'getMany'],
	knowledge: ['create', 'delete', 'get', 'getMany', 'update'],
	message: ['getMany'],
	playbook: ['create', 'delete', 'get', 'getMany', 'update'],
	schedule: ['create', 'delete', 'get', 'getMany', 'update'],
	secret: ['create', 'delete', 'getMany'],
	session: [
		'archive',
		'checkStatus',
		'create',
		'get',
		'getMany',
		'sendMessage',
		'terminate',
		'waitForCompletion',
	],
	tag: ['add', 'get', 'replace'],
};

describe('Devin node description', () => {
	it('is a tool-capable action node with the Devin credential', () => {
		expect(description.name).toBe('devin');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'devinApi', required: true }]);
		expect(description.subtitle).toBeTruthy();
	});

	it('keeps the resource and operation values saved workflows depend on', () => {
		expect(values(property('resource')[0])).toEqual(Object.keys(CONTRACT));
		const operations = Object.fromEntries(
			property('operation').map((entry) => [
				(entry.displayOptions?.show?.resource as string[])[0],
				values(entry),
			]),
		);
		expect(operations).toEqual(CONTRACT);
	});

	it('runs every operation it offers', async () => {
		const { resources } = await import('../../../nodes/Devin/actions/resources');
		for (const [resource, operations] of Object.entries(CONTRACT)) {
			expect(Object.keys(resources[resource].operations).sort()).toEqual([...operations].sort());
		}
	});

	it('shows every operation field only for its own resource and operation', () => {
		const fields = description.properties.filter(
			(entry) => !['resource', 'operation'].includes(entry.name),
		);
		for (const field of fields) {
			const show = field.displayOptions?.show;
			expect((show?.resource as string[]).length).toBe(1);
			expect((show?.operation as string[]).length).toBe(1);
		}
	});

	it('offers the session locator in all three modes wherever a session is picked', () => {
		const locators = property('sessionId');
		expect(locators.length).toBe(13);
		for (const locator of locators) {
			expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id', 'url']);
		}
	});

	it('offers From List and By ID for playbooks, knowledge notes, secrets and schedules', () => {
		for (const name of ['playbookId', 'noteId', 'secretId', 'scheduleId']) {
			const locators = property(name).filter((entry) => entry.type === 'resourceLocator');
			expect(locators.length).toBeGreaterThan(0);
			for (const locator of locators) {
				expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
				const list = locator.modes?.[0];
				expect(Object.keys(new Devin().methods.listSearch)).toContain(
					list?.typeOptions?.searchListMethod,
				);
			}
		}
	});
});
