import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ORG_ID } from '../../../emulator';
import { credentialsFor, useEmulator, type KeyName } from '../../helpers/emulator';
import { RAW_JAVASCRIPT } from '../../helpers/faults';
import { failure } from '../../helpers/failure';
import { runNode, type DevinCredentials } from '../../helpers/n8n';
import {
	allOperations,
	fixturesFor,
	inputItems,
	seedFixtures,
	validParameters,
	type Fixtures,
	type Operation,
} from '../../helpers/operations';

/**
 * The bad-input matrix: every field of every operation, read from the node's description, gets
 * the invalid values its kind allows (IDs, also inside lists; numbers out of bounds or not whole;
 * URLs; choices and switches reached through expressions; JSON; dates; cron; sizes and counts).
 * Each must be refused before any request, with an error naming the field and a fix.
 */

const ctx = useEmulator();

interface Invalid {
	value: unknown;
	/** Sent as it is instead of through an expression (values too big for one). */
	literal?: boolean;
}

const bad = (...values: unknown[]): Invalid[] => values.map((value) => ({ value }));

const ID = bad('has space', 'a/b', '../../etc/passwd', 'id?x=1');
const ID_LIST = bad('good-id, bad/id', 'one two', ['good-id', 'a#b']);
const SESSION_ID = bad('not a session!', 'https://example.com/nope', 'devin-abc/../x');
const URLS = bad(
	'not a url',
	'ftp://files.example.com/a.txt',
	'https://ok.example.com/a, javascript:alert(1)',
);
const REPOSITORY = bad('not a repository', 'acme/', '/web', 'acme/web?x');
const TOO_MANY_TAGS = bad(Array.from({ length: 51 }, (_, index) => `tag-${index}`).join(','));
const CRON = bad(
	'* * *',
	'every day',
	'61 * * * *',
	'0 25 * * *',
	'0 9 * 13 *',
	'0 9 * * 8',
	'*/0 * * * *',
);
const FREE_TEXT: Invalid[] = [];

/**
 * Text fields by name: what Devin constrains in them, or FREE_TEXT. A new text field fails the
 * matrix until it is listed here, so nobody forgets to decide.
 */
const TEXT_FIELDS: Record<string, Invalid[]> = {
	prompt: FREE_TEXT,
	message: FREE_TEXT,
	name: FREE_TEXT,
	body: FREE_TEXT,
	trigger: FREE_TEXT,
	note: FREE_TEXT,
	value: FREE_TEXT,
	search: FREE_TEXT,
	key: FREE_TEXT,
	platform: FREE_TEXT,
	action: FREE_TEXT,
	folderPath: FREE_TEXT,
	fileName: FREE_TEXT,
	title: FREE_TEXT,
	binaryPropertyName: FREE_TEXT,
	attachmentUrl: bad('not a url', 'https://example.com/files/report.md'),
	attachmentId: ID,
	attachmentUrls: URLS,
	sessionLinks: URLS,
	pinnedRepo: REPOSITORY,
	frequency: CRON,
	userEmail: bad('not-an-email', 'name@', 'two words@example.com'),
	organizationIds: bad('acme', 'org_abc', 'org-good, acme'),
	sessionIds: [...SESSION_ID, ...bad('devin-ok, bad/id')],
	targetSessionId: SESSION_ID,
	userIds: ID_LIST,
	serviceUserIds: ID_LIST,
	createAsUserId: ID,
	runAsUserId: ID,
	messageAsUserId: ID,
	playbookId: ID,
	scheduleId: ID,
	folderId: ID,
	snapshotId: ID,
	slackChannelId: ID,
	slackTeamId: ID,
	macro: bad('deploy', '!has space'),
	tags: TOO_MANY_TAGS,
	organizationId: bad('acme', 'org_abc'),
	idempotencyKey: bad(['ticket-1', 'ticket-2'], { ticket: 1 }),
	branches: bad('has space', 'main, feature..x', 'release~1'),
	onlyPaths: REPOSITORY,
	excludePaths: REPOSITORY,
};

/** Text fields whose limits depend on the operation. */
const TEXT_FIELDS_BY_OPERATION: Record<string, Invalid[]> = {
	'session.create title': bad('x'.repeat(81)),
	// Filters take any tags; only what a session is given is bounded.
	'session.getMany tags': FREE_TEXT,
	'insight.getMany tags': FREE_TEXT,
	'enterprise.getManySessions tags': FREE_TEXT,
	'attachment.download binaryPropertyName': FREE_TEXT,
	'attachment.upload binaryPropertyName': bad('missing'),
};

const LOCATORS: Record<string, Invalid[]> = {
	sessionId: [...SESSION_ID, ...bad('')],
	noteId: [...ID, ...bad('')],
	playbookId: [...ID, ...bad('')],
	secretId: [...ID, ...bad('')],
	scheduleId: [...ID, ...bad('')],
	repository: [...REPOSITORY, ...bad('')],
	repositories: [...REPOSITORY, ...bad('acme/web, not a repository', '')],
	repos: [...REPOSITORY, ...bad('acme/web, not a repository')],
};

/** Waits: whole numbers in the editor, but an expression may ask for half a minute. */
const DURATIONS = new Set(['timeoutMinutes', 'pollIntervalSeconds']);

const BIG_SCHEMA = { type: 'object', description: 'x'.repeat(70_000) };

function invalidValues(operation: Operation, field: INodeProperties): Invalid[] {
	switch (field.type) {
		case 'resourceLocator':
			return LOCATORS[field.name] ?? unknown(operation, field);
		case 'number': {
			const min = Number(field.typeOptions?.minValue ?? 1);
			const whole = !field.typeOptions?.numberPrecision && !DURATIONS.has(field.name);
			return [...bad(min > 0 ? 0 : min - 1, -1, 'abc', 1e21), ...(whole ? bad(min + 0.5) : [])];
		}
		case 'options':
			return field.typeOptions?.loadOptionsMethod ? ID : bad('not-an-option');
		case 'multiOptions':
			return field.typeOptions?.loadOptionsMethod
				? ID_LIST
				: bad(['not-an-option'], 'not-an-option');
		case 'boolean':
			return bad('maybe', 42);
		case 'json':
			// An example's size is not its schema's: a long text in it becomes {"type": "string"}.
			return field.name === 'structuredOutputExample'
				? bad('{not json', '[1, 2]', '"text"')
				: [...bad('{not json', '[1, 2]', '"text"'), { value: BIG_SCHEMA, literal: true }];
		case 'dateTime':
			return bad('not a date', '2026-13-45T99:00:00Z');
		case 'string':
			return (
				TEXT_FIELDS_BY_OPERATION[`${operation.name} ${field.name}`] ??
				TEXT_FIELDS[field.name] ??
				unknown(operation, field)
			);
		default:
			return unknown(operation, field);
	}
}

function unknown(operation: Operation, field: INodeProperties): never {
	throw new Error(`${operation.name}: say what ${field.name} (${field.type}) refuses`);
}

/** A field and where it sits: top level, or inside a collection. */
interface Placed {
	field: INodeProperties;
	collection?: string;
}

function placedFields(operation: Operation): Placed[] {
	// A notice is text for the user, not a value.
	const fields = operation.fields.filter((field) => field.type !== 'notice');
	return fields.flatMap((field) =>
		field.type === 'collection'
			? (field.options as INodeProperties[])
					.filter((option) => optionShownFor(operation, option))
					.map((option) => ({ field: option, collection: field.name }))
			: [{ field }],
	);
}

/** Whether a collection option shows for the operation (its `/resource`, `/operation` conditions). */
function optionShownFor(operation: Operation, option: INodeProperties): boolean {
	const show = option.displayOptions?.show ?? {};
	const resources = show['/resource'] as string[] | undefined;
	const operations = show['/operation'] as string[] | undefined;
	return (
		(resources?.includes(operation.resource) ?? true) &&
		(operations?.includes(operation.operation) ?? true)
	);
}

/** Operations a legacy v1 key can run, found by running each once. */
const v1Operations = new Set<string>();
beforeAll(async () => {
	for (const operation of allOperations()) {
		ctx.emulator.reset();
		const fixtures = await seedFixtures(ctx.emulator, fixturesFor(operation));
		const output = await runNode({
			credentials: credentialsFor(ctx.emulator, 'legacy'),
			parameters: validParameters(operation, fixtures),
			items: inputItems(operation),
			continueOnFail: true,
		});
		if (output.every((item) => item.json.error === undefined)) v1Operations.add(operation.name);
	}
});

/** A v1-only field (by its description) is tried with a v1 key, where the operation has v1. */
function keyFor(operation: Operation, field: INodeProperties): KeyName {
	const v1Only = /\(API v1\)/.test(field.description ?? '');
	return v1Only && v1Operations.has(operation.name) ? 'legacy' : 'enterprise';
}

const expression = (value: unknown) => `={{ ${JSON.stringify(value)} }}`;

function parametersWith(
	operation: Operation,
	fixtures: Partial<Fixtures>,
	{ field, collection }: Placed,
	invalid: Invalid,
): IDataObject {
	const parameters = validParameters(operation, fixtures);
	// Show the field: set what its display options ask for.
	for (const [name, values] of Object.entries(field.displayOptions?.show ?? {})) {
		if (!['resource', 'operation', '@tool'].includes(name) && !name.startsWith('/'))
			parameters[name] = (values as IDataObject[string][])[0];
	}
	const value = (
		invalid.literal ? invalid.value : expression(invalid.value)
	) as IDataObject[string];
	const stored = field.type === 'resourceLocator' ? { __rl: true, mode: 'id', value } : value;
	if (collection) {
		parameters[collection] = {
			...((parameters[collection] as IDataObject) ?? {}),
			[field.name]: stored,
		};
	} else {
		parameters[field.name] = stored;
	}
	return parameters;
}

/** What the error must name: the field as the user sees it ("Playbook Name or ID" → "Playbook"). */
const fieldLabel = (field: INodeProperties) =>
	field.displayName.replace(/ Names? or IDs?$/, '').toLowerCase();

const CASES = allOperations().flatMap((operation) =>
	placedFields(operation).flatMap((placed) =>
		invalidValues(operation, placed.field).map(
			(invalid) =>
				[
					operation.name,
					placed.field.displayName,
					JSON.stringify(invalid.value).slice(0, 40),
					operation,
					placed,
					invalid,
				] as const,
		),
	),
);

describe('every constrained field refuses bad values before any request', () => {
	it.each(CASES)('%s · %s · %s', async (_operation, _field, _value, operation, placed, invalid) => {
		const fixtures = await seedFixtures(ctx.emulator, fixturesFor(operation));
		const key = keyFor(operation, placed.field);
		const credentials = credentialsFor(ctx.emulator, key, {
			organizationId: key === 'legacy' ? '' : ORG_ID,
		});
		const error = await failure(
			runNode({
				credentials,
				parameters: parametersWith(operation, fixtures, placed, invalid),
				items: inputItems(operation),
			}),
		);
		expect(error.message.toLowerCase()).toContain(fieldLabel(placed.field));
		expect(error.message).not.toMatch(RAW_JAVASCRIPT);
		expect(error.description).toBeTruthy();
		expect(ctx.emulator.requests).toEqual([]);
	});

	it('covers every operation', () => {
		expect(new Set(CASES.map(([name]) => name)).size).toBe(allOperations().length);
	});
});

/** What another service's key looks like (assembled, so it reads as no secret). */
const ANOTHER_SERVICES_KEY = ['sk', 'live', '0123456789'].join('-');

describe('a credential Devin would refuse is refused before any request', () => {
	const getSession = (fixtures: Partial<Fixtures>) =>
		validParameters(
			allOperations().find((operation) => operation.name === 'session.get')!,
			fixtures,
		);

	it.each<[string, Partial<DevinCredentials>, RegExp]>([
		['a key of another service', { apiKey: ANOTHER_SERVICES_KEY }, /API key/],
		['a key pasted with Bearer', { apiKey: 'Bearer cog_abc123' }, /API key/],
		['a key with a space inside', { apiKey: 'cog_abc 123' }, /API key/],
		['an empty key', { apiKey: '' }, /API key/],
		['an organization ID without org-', { organizationId: 'acme' }, /Organization ID/],
		['an organization ID with an underscore', { organizationId: 'org_abc' }, /Organization ID/],
		['the web app as Base URL', { baseUrl: 'https://app.devin.ai' }, /Base URL/],
		['a Base URL that is not a web address', { baseUrl: 'ftp://api.devin.ai' }, /Base URL/],
		['a Base URL with spaces', { baseUrl: 'api devin ai' }, /Base URL/],
	])('%s', async (_name, change, field) => {
		const fixtures = await seedFixtures(ctx.emulator, ['sessionId']);
		const credentials = {
			...credentialsFor(ctx.emulator, 'service', { organizationId: ORG_ID }),
			...change,
		} as DevinCredentials;
		const error = await failure(runNode({ credentials, parameters: getSession(fixtures) }));
		expect(error.message).toMatch(field);
		expect(error.description).toBeTruthy();
		expect(JSON.stringify(error)).not.toContain('cog_abc');
		expect(ctx.emulator.requests).toEqual([]);
	});
});
