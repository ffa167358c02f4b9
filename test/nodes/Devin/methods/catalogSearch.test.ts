import { credentialsFor, useEmulator } from '../../../helpers/emulator';
import { runListSearch, runNode } from '../../../helpers/n8n';

const ctx = useEmulator();

async function seedCatalogs() {
	const credentials = credentialsFor(ctx.emulator);
	await runNode({
		credentials,
		parameters: {
			resource: 'playbook',
			operation: 'create',
			title: 'Triage',
			body: 'b',
			additionalFields: { macro: '!triage' },
		},
	});
	await runNode({
		credentials,
		parameters: {
			resource: 'knowledge',
			operation: 'create',
			name: 'Deploys',
			body: 'b',
			trigger: 't',
		},
	});
	await runNode({
		credentials,
		parameters: {
			resource: 'secret',
			operation: 'create',
			key: 'GITHUB_TOKEN',
			value: 'example-value-1',
		},
	});
	await runNode({
		credentials,
		parameters: {
			resource: 'schedule',
			operation: 'create',
			name: 'Nightly',
			prompt: 'p',
			frequency: '0 2 * * *',
		},
	});
}

describe('From List searches', () => {
	it('list playbooks, knowledge notes, secrets (by key) and schedules', async () => {
		await seedCatalogs();
		const credentials = credentialsFor(ctx.emulator);
		const names = async (method: Parameters<typeof runListSearch>[0], filter?: string) =>
			(await runListSearch(method, credentials, filter)).results.map((entry) => [
				entry.name,
				String(entry.value).split('-')[0],
			]);
		expect(await names('searchPlaybooks')).toEqual([['Triage · !triage', 'playbook']]);
		expect(await names('searchKnowledgeNotes')).toEqual([['Deploys', 'note']]);
		expect(await names('searchSecrets')).toEqual([['GITHUB_TOKEN · key-value', 'secret']]);
		expect(await names('searchSchedules')).toEqual([['Nightly · 0 2 * * *', 'sched']]);
		expect(await names('searchPlaybooks', 'nothing like it')).toEqual([]);
	});

	it('work with a v1 key where v1 has the catalog', async () => {
		await seedCatalogs();
		const result = await runListSearch(
			'searchKnowledgeNotes',
			credentialsFor(ctx.emulator, 'legacy'),
		);
		expect(result.results.map((entry: { name: string }) => entry.name)).toEqual(['Deploys']);
	});
});
