/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	setupFiles: ['<rootDir>/test/setup.js'],
	testTimeout: 30_000,
	// The fault matrices wait out timeouts side by side (it.concurrent); nothing else runs concurrently.
	maxConcurrency: 12,
};
