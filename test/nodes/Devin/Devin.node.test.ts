import type { INodeProperties } from 'n8n-workflow';

import { Devin } from '../../../nodes/Devin/Devin.node';

const { description } = new Devin();
const property = (name: string) => description.properties.filter((entry) => entry.name === name);

describe('Devin node description', () => {
	it('is a tool-capable action node with the Devin credential', () => {
		expect(description.name).toBe('devin');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'devinApi', required: true }]);
		expect(description.subtitle).toBeTruthy();
	});

	it('keeps the resource and operation values saved workflows depend on', () => {
		const [operation] = property('operation');
		expect(
			property('resource')[0].options?.map((option) => (option as { value: string }).value),
		).toContain('session');
		expect(operation.options?.map((option) => (option as { value: string }).value).sort()).toEqual(
			[
				'archive',
				'create',
				'get',
				'getMany',
				'sendMessage',
				'terminate',
				'waitForCompletion',
			].sort(),
		);
	});

	it('shows every operation field only for its own operation', () => {
		const fields = description.properties.filter(
			(entry) => !['resource', 'operation'].includes(entry.name),
		);
		for (const field of fields) {
			expect(field.displayOptions?.show?.resource).toEqual(['session']);
			expect((field.displayOptions?.show?.operation as string[]).length).toBe(1);
		}
	});

	it('offers the session locator in all three modes wherever a session is picked', () => {
		const locators = property('sessionId') as INodeProperties[];
		expect(locators.length).toBe(5);
		for (const locator of locators) {
			expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id', 'url']);
		}
	});
});
