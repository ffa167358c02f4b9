// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- the test reads the example files
import * as fs from 'fs';

interface ExampleNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}
interface Example {
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

/** Jest runs from the repository root. */
const examples = fs
	.readdirSync('examples')
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({
		file,
		workflow: JSON.parse(fs.readFileSync(`examples/${file}`, 'utf8')) as Example,
	}));

/** Every text in a workflow with where it is, except JSON a user pastes and code (both keep their indentation). */
function texts(value: unknown, where = ''): Array<[string, string]> {
	if (typeof value === 'string') return [[where, value]];
	if (Array.isArray(value))
		return value.flatMap((entry, index) => texts(entry, `${where}[${index}]`));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([key, entry]) =>
			['structuredOutputSchema', 'jsCode'].includes(key) ? [] : texts(entry, `${where}.${key}`),
		);
	return [];
}

describe('Example workflows', () => {
	it('have no stray spaces in their texts', () => {
		expect(examples.length).toBeGreaterThanOrEqual(4);
		const stray = examples.flatMap(({ file, workflow }) =>
			texts(workflow)
				.filter(([, text]) => /^\s|\s$| {2}|[ \t]\n|\n[ \t]/.test(text))
				.map(([where, text]) => `${file} ${where}: ${JSON.stringify(text)}`),
		);
		expect(stray).toEqual([]);
	});

	it("start every nightly session before waiting for any, so N sessions take about one session's time", () => {
		const { workflow } = examples.find(({ file }) => file.startsWith('nightly-'))!;
		const devin = workflow.nodes.filter((node) => node.type === 'n8n-nodes-devin.devin');
		const [start, wait] = devin;
		expect([start.parameters.operation, start.parameters.waitForCompletion]).toEqual([
			'create',
			false,
		]);
		expect(wait.parameters.operation).toBe('waitForCompletion');
		expect(workflow.connections[start.name].main[0].map((link) => link.node)).toEqual([wait.name]);
		// n8n runs a node for all its items before the next node: every create finishes first.
		expect(wait.parameters.sessionId).toMatchObject({ value: '={{ $json.sessionId }}' });
	});
});
