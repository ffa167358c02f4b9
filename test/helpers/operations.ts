import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { ORG_ID, type Emulator } from '../../emulator';
import { Devin } from '../../nodes/Devin/Devin.node';
import { multipartFile } from '../../nodes/Devin/transport/multipart';

/**
 * Every resource × operation of the Devin node, read from its own description, with parameters
 * that make it succeed against a fresh emulator. The fault and bad-input matrices run over these,
 * so a new operation is covered without anyone adding it to a list.
 */
export interface Operation {
	resource: string;
	operation: string;
	/** `resource.operation`. */
	name: string;
	/** The operation's fields, as n8n shows them for it. */
	fields: INodeProperties[];
}

const description = new Devin().description;

/**
 * Whether a field shows on the node (not on its AI-agent tool): a field n8n shows only when the
 * node is a tool (`@tool: [true]`, such as the Tool Description) is left to the tool tests.
 */
function onTheNode(field: INodeProperties): boolean {
	const tool = field.displayOptions?.show?.['@tool'] as boolean[] | undefined;
	return tool === undefined || tool.includes(false);
}

function shownFor(field: INodeProperties, resource: string, operation: string): boolean {
	const show = field.displayOptions?.show ?? {};
	return (
		onTheNode(field) &&
		(show.resource as string[] | undefined)?.includes(resource) === true &&
		(show.operation as string[] | undefined)?.includes(operation) === true
	);
}

export function allOperations(): Operation[] {
	const operations: Operation[] = [];
	for (const property of description.properties.filter((entry) => entry.name === 'operation')) {
		const resource = (property.displayOptions?.show?.resource as string[])[0];
		for (const option of property.options as INodePropertyOptions[]) {
			const operation = String(option.value);
			operations.push({
				resource,
				operation,
				name: `${resource}.${operation}`,
				fields: description.properties.filter((field) => shownFor(field, resource, operation)),
			});
		}
	}
	return operations;
}

/** Whether `field` is shown, given the other parameters (only show/hide on plain values). */
export function isShown(field: INodeProperties, parameters: IDataObject): boolean {
	const matches = (conditions: Record<string, unknown> | undefined, wanted: boolean) =>
		Object.entries(conditions ?? {})
			.filter(([name]) => !['resource', 'operation', '@tool'].includes(name))
			.every(
				([name, values]) =>
					(values as unknown[]).includes(parameters[name] ?? defaultOf(name, parameters)) ===
					wanted,
			);
	return (
		matches(field.displayOptions?.show as Record<string, unknown>, true) &&
		matches(field.displayOptions?.hide as Record<string, unknown>, false)
	);
}

function defaultOf(name: string, parameters: IDataObject): unknown {
	const field = description.properties.find(
		(entry) =>
			entry.name === name &&
			shownFor(entry, String(parameters.resource), String(parameters.operation)),
	);
	return field?.default;
}

/** What the emulator must hold for an operation to succeed. */
export interface Fixtures {
	sessionId: string;
	noteId: string;
	playbookId: string;
	secretId: string;
	scheduleId: string;
	attachmentUrl: string;
	/** A repository every emulated organization has. */
	repositoryPath: string;
	/** The organization, once it has an ACU limit of its own. */
	organizationWithAcuLimit: string;
}

/** Fixtures an operation needs whatever its fields: what it changes must exist first. */
const OPERATION_FIXTURES: Record<string, Array<keyof Fixtures>> = {
	'enterprise.deleteAcuLimit': ['organizationWithAcuLimit'],
};

/** Values for required text fields, by field name: a field without one fails the matrices loudly. */
const SAMPLES: Record<string, string> = {
	prompt: 'Fix the flaky checkout test and open a pull request',
	message: 'Use the staging branch',
	name: 'Deploying the web app',
	body: 'Run make deploy, then check the health page',
	trigger: 'When deploying',
	title: 'Triage a bug report',
	key: 'MATRIX_API_TOKEN',
	value: 'matrix-secret-value-3f9a',
	tags: 'matrix',
	frequency: '0 9 * * 1-5',
};

const LOCATOR_FIXTURES: Record<string, keyof Fixtures> = {
	sessionId: 'sessionId',
	noteId: 'noteId',
	playbookId: 'playbookId',
	secretId: 'secretId',
	scheduleId: 'scheduleId',
	repository: 'repositoryPath',
	repositories: 'repositoryPath',
};

const FIXTURE_FIELDS: Record<string, keyof Fixtures> = { attachmentUrl: 'attachmentUrl' };

/** The fixtures an operation's fields refer to. */
export function fixturesFor(operation: Operation): Array<keyof Fixtures> {
	const needed = new Set<keyof Fixtures>(OPERATION_FIXTURES[operation.name]);
	for (const field of operation.fields) {
		const fixture =
			field.type === 'resourceLocator' ? LOCATOR_FIXTURES[field.name] : FIXTURE_FIELDS[field.name];
		if (fixture) needed.add(fixture);
	}
	return [...needed];
}

/** Parameters that make `operation` succeed: required fields filled, an Update Fields entry set. */
export function validParameters(operation: Operation, fixtures: Partial<Fixtures>): IDataObject {
	const parameters: IDataObject = {
		resource: operation.resource,
		operation: operation.operation,
	};
	for (const field of operation.fields) {
		if (!isShown(field, parameters)) continue;
		if (field.type === 'resourceLocator') {
			const fixture = fixtures[LOCATOR_FIXTURES[field.name]];
			if (fixture === undefined) throw new Error(`No fixture for the ${field.name} locator`);
			parameters[field.name] = { __rl: true, mode: 'id', value: fixture };
		} else if (FIXTURE_FIELDS[field.name]) {
			parameters[field.name] = fixtures[FIXTURE_FIELDS[field.name]];
		} else if (field.name === 'updateFields') {
			const option = (field.options as INodeProperties[]).find((entry) => SAMPLES[entry.name]);
			if (!option) throw new Error(`${operation.name}: no Update Field with a sample value`);
			parameters.updateFields = { [option.name]: SAMPLES[option.name] };
		} else if (field.required && (field.default === '' || field.default === undefined)) {
			if (SAMPLES[field.name] === undefined) {
				throw new Error(`${operation.name}: no sample value for the required field ${field.name}`);
			}
			parameters[field.name] = SAMPLES[field.name];
		}
	}
	return parameters;
}

/** Input items: a file where the operation reads one. */
export function inputItems(operation: Operation): INodeExecutionData[] {
	const readsFile = operation.fields.some(
		(field) => field.name === 'binaryPropertyName' && /input/i.test(field.displayName),
	);
	if (!readsFile) return [{ json: {} }];
	return [
		{
			json: {},
			binary: {
				data: {
					data: Buffer.from('region,revenue\nemea,42\n').toString('base64'),
					mimeType: 'text/csv',
					fileName: 'sales.csv',
				},
			},
		},
	];
}

async function post(
	emulator: Emulator,
	path: string,
	body: unknown,
	file?: ReturnType<typeof multipartFile>,
): Promise<IDataObject> {
	const answer = await emulator.call('POST', `/v3/organizations/${ORG_ID}/${path}`, {
		body: file ? file.data : body,
		contentType: file?.contentType,
	});
	if (answer.status !== 200) {
		throw new Error(`Seeding ${path} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
	}
	return answer.body as IDataObject;
}

/** Creates what the operation needs in a fresh emulator, in-process, through its own API. */
export async function seedFixtures(
	emulator: Emulator,
	needed: Array<keyof Fixtures>,
): Promise<Partial<Fixtures>> {
	const fixtures: Partial<Fixtures> = {};
	for (const name of needed) {
		if (name === 'sessionId') {
			const [session] = emulator.seedSessions(1, {
				status: 'running',
				status_detail: 'waiting_for_user',
			});
			fixtures.sessionId = String(session.session_id);
		} else if (name === 'noteId') {
			fixtures.noteId = String(
				(await post(emulator, 'knowledge/notes', { name: 'Note', body: 'Body', trigger: 'Always' }))
					.note_id,
			);
		} else if (name === 'playbookId') {
			fixtures.playbookId = String(
				(await post(emulator, 'playbooks', { title: 'Playbook', body: 'Steps' })).playbook_id,
			);
		} else if (name === 'secretId') {
			fixtures.secretId = String(
				(
					await post(emulator, 'secrets', {
						type: 'key-value',
						key: 'SEEDED',
						value: 'seeded-value',
					})
				).secret_id,
			);
		} else if (name === 'scheduleId') {
			fixtures.scheduleId = String(
				(
					await post(emulator, 'schedules', {
						name: 'Nightly',
						prompt: 'Update dependencies',
						schedule_type: 'recurring',
						frequency: '0 3 * * *',
					})
				).scheduled_session_id,
			);
		} else if (name === 'organizationWithAcuLimit') {
			const answer = await emulator.call(
				'PUT',
				`/v3/enterprise/consumption/acu-limits/devin/organizations/${ORG_ID}`,
				{ key: 'enterprise', body: { cycle_acu_limit: 500 } },
			);
			if (answer.status !== 200) {
				throw new Error(`Seeding an ACU limit failed: ${answer.status} ${JSON.stringify(answer.body)}`);
			}
			fixtures.organizationWithAcuLimit = ORG_ID;
		} else if (name === 'repositoryPath') {
			fixtures.repositoryPath = 'acme/web';
		} else if (name === 'attachmentUrl') {
			const file = multipartFile('file', 'report.md', 'text/markdown', Buffer.from('# Report\n'));
			fixtures.attachmentUrl = String((await post(emulator, 'attachments', undefined, file)).url);
		}
	}
	return fixtures;
}
