#!/usr/bin/env node
'use strict';

/**
 * `npm run scan`: n8n's pre-publication scanner (@n8n/scan-community-package) on this package,
 * without a registry. The scanner's registry mode lints the provenance-attested source and the
 * published tarball; this runs its exported analysis (`analyzePackage`) on the same two things
 * locally: the source tree (its source file patterns) and the unpacked `npm pack` tarball (its
 * tarball patterns). Run `npm run build` first: the tarball holds dist/.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const SCANNER = '@n8n/scan-community-package/scanner/scanner.mjs';
/** What the scanner lints in a downloaded tarball (scanner.mjs, analyzePackageByName). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/** Packs the package as npm would publish it and unpacks it into a new folder. */
function packAndUnpack(root, into) {
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', into], {
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, npm_config_update_notifier: 'false' },
		}),
	);
	const unpacked = path.join(into, 'package');
	execFileSync('tar', ['-xzf', path.join(into, path.basename(filename)), '-C', into]);
	return unpacked;
}

/** Runs the scanner's analysis on a package's source tree and tarball; one result per part. */
async function scan(root = ROOT) {
	const scannerPath = require.resolve(SCANNER);
	// The scanner makes a temporary folder when it loads; let its tmp library remove it on exit.
	require(require.resolve('tmp', { paths: [path.dirname(scannerPath)] })).setGracefulCleanup();
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(scannerPath);
	const results = [];
	results.push({ part: 'source tree', ...(await analyzePackage(root, SOURCE_FILE_PATTERNS)) });
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-devin-scan-'));
	try {
		const unpacked = packAndUnpack(root, work);
		const files = fs.readdirSync(unpacked, { recursive: true }).length;
		results.push({
			part: `npm pack tarball (${files} files)`,
			...(await analyzePackage(unpacked, TARBALL_PATTERNS)),
		});
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return results;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) {
		process.stdout.write('Scan failed: there is no dist/ to pack; run npm run build first.\n');
		process.exit(1);
	}
	const results = await scan();
	for (const { part, passed, message, details } of results) {
		process.stdout.write(`${passed ? '✓' : '✗'} ${part}${passed ? '' : `: ${message}`}\n`);
		if (details) process.stdout.write(`${details}\n`);
	}
	const failed = results.filter((result) => !result.passed);
	process.stdout.write(
		failed.length
			? `Scan failed: n8n's community-package scanner rejects the ${failed.map((result) => result.part).join(' and the ')}.\n`
			: "Scan passed: n8n's community-package scanner accepts the source tree and the npm pack tarball.\n",
	);
	process.exit(failed.length ? 1 : 0);
}

if (require.main === module)
	main().catch((error) => {
		process.stderr.write(`Scan failed: ${error.stack || error}\n`);
		process.exit(1);
	});

module.exports = { scan };
