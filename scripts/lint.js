#!/usr/bin/env node
'use strict';

/**
 * `npm run lint`: n8n's own `n8n-node lint` (strict), passed through as it prints, then one last
 * line that says whether it passed or what failed (n8n-node prints nothing when all is well).
 */
const path = require('node:path');
const { spawn } = require('node:child_process');

const ANSI = /\u001b\[[0-9;]*m/g;

/** The closing line for an `n8n-node lint` run that exited with `code` after printing `output`. */
function summarize(code, output) {
	const text = output.replace(ANSI, '');
	const files = new Set(
		text
			.split('\n')
			.filter((line) => /^\/\S+$/.test(line.trim()) || /^[A-Za-z]:\\\S+$/.test(line.trim()))
			.map((line) => path.relative(process.cwd(), line.trim())),
	);
	const problems = /✖ (\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(text);
	const where = files.size ? ` in ${[...files].join(', ')}` : '';
	if (code === 0) {
		if (problems && Number(problems[3]) > 0)
			return `Lint passed with ${problems[3]} warning${problems[3] === '1' ? '' : 's'}${where} (listed above).`;
		return 'Lint passed: n8n-node lint (strict) found no problems.';
	}
	if (/Strict mode violation/.test(text))
		return "Lint failed: eslint.config.mjs differs from n8n's template (strict mode); see above.";
	if (problems) {
		const [, , errors, warnings] = problems;
		const counts = `${errors} error${errors === '1' ? '' : 's'}${warnings !== '0' ? ` and ${warnings} warning${warnings === '1' ? '' : 's'}` : ''}`;
		return `Lint failed: ${counts}${where} (listed above; npm run lint:fix fixes some).`;
	}
	return `Lint failed: n8n-node lint exited with ${code}; see above.`;
}

function main() {
	const bin = path.join(__dirname, '..', 'node_modules', '.bin', 'n8n-node');
	const child = spawn(bin, ['lint', ...process.argv.slice(2)], {
		stdio: ['inherit', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => {
		output += chunk;
		process.stdout.write(chunk);
	});
	child.stderr.on('data', (chunk) => {
		output += chunk;
		process.stderr.write(chunk);
	});
	child.on('error', (error) => {
		process.stdout.write(`Lint failed: could not run n8n-node (${error.message}); run npm ci.\n`);
		process.exit(1);
	});
	child.on('close', (code) => {
		process.stdout.write(`${summarize(code ?? 1, output)}\n`);
		process.exit(code ?? 1);
	});
}

if (require.main === module) main();

module.exports = { summarize };
