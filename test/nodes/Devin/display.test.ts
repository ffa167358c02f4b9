// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- the test reads the README
import * as fs from 'fs';
import { Workflow } from 'n8n-workflow';
import type { INode, INodeProperties, INodeTypeDescription, INodeTypes } from 'n8n-workflow';

import { Devin } from '../../../nodes/Devin/Devin.node';
import { DevinTrigger } from '../../../nodes/Devin/DevinTrigger.node';
import { TRIGGER_EVENTS } from '../../../nodes/Devin/trigger/events';

const devin = new Devin().description;
const trigger = new DevinTrigger().description;
/** Jest runs from the repository root. */
const README = fs.readFileSync('README.md', 'utf8');

/** Evaluates a description expression the way the editor does for a node on the canvas. */
function evaluate(expression: string, parameters: INode['parameters']): unknown {
	const node: INode = {
		id: '1',
		name: 'Devin Trigger',
		type: 'n8n-nodes-devin.devinTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const nodeTypes = {
		getByName: () => undefined,
		getByNameAndVersion: () => undefined,
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, expression, 'internal', {});
}

/** Every field of a description, including those inside collections and fixed collections. */
function allFields(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		const nested = (property.options ?? []).flatMap((option) => {
			if ('values' in option) return allFields(option.values);
			if ('type' in option) return allFields([option as INodeProperties]);
			return [];
		});
		return [property, ...nested];
	});
}

/** The rows of a README table whose header row starts with `header`. */
function readmeTable(header: string): string[][] {
	const lines = README.split('\n');
	const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
	expect(start).toBeGreaterThanOrEqual(0);
	const rows: string[][] = [];
	for (const line of lines.slice(start + 2)) {
		if (!line.startsWith('|')) break;
		rows.push(
			line
				.split('|')
				.slice(1, -1)
				.map((cell) => cell.trim()),
		);
	}
	return rows;
}

describe('What the editor shows', () => {
	it("shows the trigger's chosen events by their display names on the canvas", () => {
		const subtitle = trigger.subtitle as string;
		expect(evaluate(subtitle, { events: ['sessionFinished', 'pullRequestOpened'] })).toBe(
			'Session Finished, Pull Request Opened',
		);
		expect(evaluate(subtitle, { events: ['sessionNeedsInput'] })).toBe('Session Needs Input');
		for (const { value, name } of TRIGGER_EVENTS)
			expect(evaluate(subtitle, { events: [value] })).toBe(name);
	});

	it('shows integer fields as integers: no decimals, no fractional minimum', () => {
		for (const description of [devin, trigger]) {
			const numbers = allFields(description.properties).filter((field) => field.type === 'number');
			if (description === devin) expect(numbers.length).toBeGreaterThanOrEqual(5);
			for (const field of numbers) {
				// n8n's editor formats a number field with exactly numberPrecision decimals (2 → "60.00").
				expect({ field: field.displayName, precision: field.typeOptions?.numberPrecision }).toEqual(
					{ field: field.displayName, precision: 0 },
				);
				expect(Number.isInteger(field.typeOptions?.minValue ?? 0)).toBe(true);
				expect(Number.isInteger(field.default)).toBe(true);
			}
		}
	});

	it('has one short line for each node in the nodes panel, as n8n pairs like Jira / Jira Trigger do', () => {
		expect(devin.description).toBe('Consume Devin API');
		expect(trigger.description).toBe('Starts the workflow when Devin events occur');
		for (const { description } of [devin, trigger] as INodeTypeDescription[])
			expect(description.length).toBeLessThanOrEqual(50);
	});
});

describe('Names agree between the node and the README', () => {
	it('lists every resource and operation under the names the node shows', () => {
		const resourceField = devin.properties.find((field) => field.name === 'resource');
		const inNode = new Set<string>();
		for (const option of resourceField?.options ?? []) {
			const { name, value } = option as { name: string; value: string };
			const operations = devin.properties.find(
				(field) =>
					field.name === 'operation' &&
					(field.displayOptions?.show?.resource as string[]).includes(value),
			);
			for (const operation of operations?.options ?? [])
				inNode.add(`${name}: ${(operation as { name: string }).name}`);
		}
		const inReadme = new Set<string>();
		for (const [resource, operations] of readmeTable('Resource'))
			for (const operation of operations.replace(/\([^)]*\)/g, '').split(','))
				inReadme.add(`${resource}: ${operation.trim()}`);
		expect([...inReadme].sort()).toEqual([...inNode].sort());
	});

	it("lists the trigger's events under the names the node shows", () => {
		const inReadme = readmeTable('Event').map(([name]) => name);
		expect(inReadme.sort()).toEqual(TRIGGER_EVENTS.map(({ name }) => name).sort());
	});

	it('names the fields it explains in bold exactly as the editor labels them', () => {
		const labels = new Set(
			[devin, trigger].flatMap((description) =>
				allFields(description.properties).map((field) => field.displayName),
			),
		);
		for (const label of ['Timeout (Minutes)', 'Poll Interval (Seconds)', 'Stop On', 'Events'])
			expect(labels.has(label) && README.includes(`**${label}**`)).toBe(true);
		expect(README).not.toMatch(/\*\*(Timeout|Poll Interval)\*\*/);
	});
});
