import { credentialsFor, useEmulator } from '../../../helpers/emulator';
import { runListSearch } from '../../../helpers/n8n';

const ctx = useEmulator();

describe('searchSessions (the Session dropdown)', () => {
	it('lists recent sessions with title, status and a link, page by page', async () => {
		ctx.emulator.seedSessions(60);
		const first = await runListSearch('searchSessions', credentialsFor(ctx.emulator));
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({
			name: 'Seeded session 60 · exit',
			value: expect.stringMatching(/^devin-/),
			url: expect.stringContaining('/sessions/'),
		});
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await runListSearch(
			'searchSessions',
			credentialsFor(ctx.emulator),
			undefined,
			first.paginationToken,
		);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
	});

	it('filters by what the user types, in the title or the ID', async () => {
		ctx.emulator.seedSessions(3);
		ctx.emulator.seedSessions(1, { title: 'Upgrade React' });
		const result = await runListSearch('searchSessions', credentialsFor(ctx.emulator), 'react');
		expect(result.results.map((entry: { name: string }) => entry.name)).toEqual([
			'Upgrade React · exit',
		]);
	});

	it('works with a legacy v1 key', async () => {
		ctx.emulator.seedSessions(2);
		const result = await runListSearch('searchSessions', credentialsFor(ctx.emulator, 'legacy'));
		expect(result.results.map((entry: { name: string }) => entry.name)).toEqual([
			'Seeded session 2 · finished',
			'Seeded session 1 · finished',
		]);
	});
});
