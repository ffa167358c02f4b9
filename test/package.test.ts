// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- the test reads the repository's files
import * as fs from 'fs';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- npm's own version ranges
import { minVersion, satisfies } from 'semver';

import lock from '../package-lock.json';
import pkg from '../package.json';
import { summarize } from '../scripts/lint';

/** Jest runs from the repository root. */
const read = (file: string) => fs.readFileSync(file, 'utf8');

/** Dev dependencies whose declared Node range leaves out Node 20 although nothing here runs them there. */
const KNOWN_ENGINE_WARNINGS = ['isolated-vm'];

describe('What the package promises', () => {
	it('names one Node version in the README, in engines and for npm ci', () => {
		const minimum = minVersion(pkg.engines.node)?.version;
		expect(minimum).toBe('20.19.0');
		const readme = read('README.md');
		expect(readme).toContain('Node.js 20.19 or newer');
		const refusing = Object.entries(lock.packages as Record<string, { engines?: unknown }>)
			.filter(([name]) => name !== '')
			.filter(([, entry]) => {
				const range = (entry.engines as { node?: string } | undefined)?.node;
				return typeof range === 'string' && !satisfies(minimum as string, range);
			})
			.map(([name]) => name.replace(/^.*node_modules\//, ''));
		// npm ci warns (EBADENGINE) once per package whose engines leave out the Node it runs on.
		expect([...new Set(refusing)].sort()).toEqual(KNOWN_ENGINE_WARNINGS);
		for (const name of KNOWN_ENGINE_WARNINGS)
			expect(readme).toContain(`EBADENGINE warning for ${name}`);
	});

	it('is MIT licensed, keeps a changelog and releases with provenance from a version tag', () => {
		expect(pkg.license).toBe('MIT');
		expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
		const changelog = read('CHANGELOG.md');
		expect(changelog).toContain('[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)');
		expect(changelog).toMatch(/^## \[Unreleased\]$/m);
		expect(pkg.scripts.release).toBe('n8n-node release');
		const publish = read('.github/workflows/publish.yml');
		expect(publish).toMatch(/tags:\n\s+- '\*\.\*\.\*'/);
		expect(publish).toMatch(/id-token: write/);
		expect(publish).toMatch(/npm run release/);
		expect(read('.github/workflows/ci.yml')).toMatch(/run: \.ci\/run/);
		expect(read('.ci/run')).toMatch(/^npm run scan$/m);
	});
});

describe('npm run lint', () => {
	it('ends with a line that says it passed', () => {
		expect(summarize(0, '┌   n8n-node lint  v0.48.3\n')).toBe(
			'Lint passed: n8n-node lint (strict) found no problems.',
		);
	});

	it('ends with a line that says what failed', () => {
		const cwd = fs.realpathSync('.');
		const output = [
			`\u001b[4m${cwd}/nodes/Devin/Devin.node.ts\u001b[24m`,
			"  3:1  error  Use of restricted global 'process'  @n8n/community-nodes/no-restricted-globals",
			`\u001b[4m${cwd}/credentials/DevinApi.credentials.ts\u001b[24m`,
			'  9:5  warning  Unused variable  @typescript-eslint/no-unused-vars',
			'',
			'\u001b[31m\u001b[1m✖ 2 problems (1 error, 1 warning)\u001b[22m\u001b[39m',
		].join('\n');
		expect(summarize(1, output)).toBe(
			'Lint failed: 1 error and 1 warning in nodes/Devin/Devin.node.ts, credentials/DevinApi.credentials.ts (listed above; npm run lint:fix fixes some).',
		);
		expect(summarize(1, 'Strict mode violation: eslint.config.mjs has been modified')).toMatch(
			/^Lint failed: eslint\.config\.mjs differs/,
		);
	});
});
