import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';

import {
	INDEX_WAIT_DEFAULT_POLL_INTERVAL_SECONDS,
	REPOSITORY_BULK_MAX,
	WAIT_DEFAULT_TIMEOUT_MINUTES,
} from '../../constants';
import { outputOptions, readSwitch } from '../../descriptions/common';
import { readWaitTiming, type WaitTiming } from '../../descriptions/wait';
import { requireV3 } from '../../helpers/apiVersion';
import {
	REPOSITORY_PERMISSIONS,
	waitUntilIndexed,
	type IndexTarget,
} from '../../helpers/repositories';
import { invalidField, toStringList } from '../../helpers/validation';
import { devinApiRequest } from '../../transport';
import { indexingOutputs, readRepositoriesField, repositoriesField } from './repositories';

/**
 * What Git accepts as a branch name (git check-ref-format), roughly: no spaces, control characters,
 * "..", "//", ~ ^ : ? * [ \, no leading "-", no trailing "/", "." or ".lock".
 */
const BRANCH_NAME = /^(?!-)(?!.*\/\/)(?!.*\.\.)(?!.*\.lock$)[^\s\p{Cc}~^:?*[\\]+(?<![./])$/u;

const properties: INodeProperties[] = [
	repositoriesField,
	{
		displayName: 'Branches',
		name: 'branches',
		type: 'string',
		default: '',
		placeholder: 'e.g. main, release',
		description:
			"Comma-separated branches to index in each repository. Empty: the repository's default branch.",
	},
	{
		displayName: 'Wait Until Indexed',
		name: 'waitUntilIndexed',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until Devin has indexed every repository (or one fails) before the node outputs them; otherwise they are output while indexing starts',
		builderHint: {
			propertyHint:
				'true when the next node starts a Devin session in these repositories (for example onboarding a new repository); the wait is bounded by Timeout (Minutes) and fails clearly if indexing fails.',
		},
	},
	{
		displayName: 'Timeout (Minutes)',
		name: 'timeoutMinutes',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: WAIT_DEFAULT_TIMEOUT_MINUTES,
		displayOptions: { show: { waitUntilIndexed: [true] } },
		description: 'How long to wait before giving up with an error; Devin keeps indexing after that',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: INDEX_WAIT_DEFAULT_POLL_INTERVAL_SECONDS,
		displayOptions: { show: { waitUntilIndexed: [true] } },
		description:
			'The first wait between status checks. It grows by half after each check, up to 12 times this value and at most 60 seconds.',
	},
	{
		displayName:
			'Indexing is idempotent in Devin: a repository (or branch) that is already indexed or being indexed starts no second job, so running this again is safe',
		name: 'idempotentNotice',
		type: 'notice',
		default: '',
	},
	outputOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['repository'], operation: ['index'] } },
	properties,
);

/** What one input item asks for, read and checked before anything is sent. */
interface ItemPlan {
	targets: IndexTarget[];
	wait?: WaitTiming;
	error?: Error;
}

interface Batch {
	plans: ItemPlan[];
	/** The latest answer per repository path. */
	answers: Map<string, IDataObject>;
	/** Items whose request failed, with the error. */
	failures: Map<number, Error>;
}

/** One bulk request per execution (not per item): item 0 starts it, every item reads its share. */
const batches = new WeakMap<IExecuteFunctions, Promise<Batch>>();

function planItem(this: IExecuteFunctions, itemIndex: number): ItemPlan {
	const context = { node: this.getNode(), itemIndex };
	const paths = readRepositoriesField.call(this, itemIndex);
	const branches = toStringList(
		context,
		'Branches',
		this.getNodeParameter('branches', itemIndex, ''),
		{
			unique: true,
		},
	);
	const badBranch = branches.find((branch) => !BRANCH_NAME.test(branch));
	if (badBranch !== undefined) {
		throw invalidField(
			context,
			'Branches',
			`"${badBranch}" is not a Git branch name`,
			'Enter branch names as Git shows them (for example main, release/2.1), separated by commas; they hold no spaces, "..", ~, ^, :, ?, * or [.',
		);
	}
	const wait = readSwitch.call(this, 'waitUntilIndexed', itemIndex, 'Wait Until Indexed');
	return {
		targets: paths.map((path) => ({ path, branches })),
		wait: wait ? readWaitTiming.call(this, itemIndex) : undefined,
	};
}

interface BulkEntry {
	key: string;
	branches: string[];
	/** The input items that asked for this repository. */
	items: number[];
}

/**
 * Groups every item's repositories into as few bulk requests as possible. A repository asked for
 * with different branches by different items goes into a later request, so each is honoured.
 */
function bulkRequests(plans: ItemPlan[]): Array<Map<string, BulkEntry>> {
	const rounds: Array<Map<string, BulkEntry>> = [];
	plans.forEach((plan, itemIndex) => {
		for (const { path, branches } of plan.error ? [] : plan.targets) {
			const key = branches.join('\n');
			let round =
				rounds.find((entries) => entries.get(path)?.key === key) ??
				rounds.find((entries) => !entries.has(path) && entries.size < REPOSITORY_BULK_MAX);
			if (!round) rounds.push((round = new Map()));
			const entry = round.get(path) ?? { key, branches, items: [] };
			if (!entry.items.includes(itemIndex)) entry.items.push(itemIndex);
			round.set(path, entry);
		}
	});
	return rounds;
}

async function indexAll(this: IExecuteFunctions): Promise<Batch> {
	const plans = this.getInputData().map((_item, itemIndex) => {
		try {
			return planItem.call(this, itemIndex);
		} catch (error) {
			return { targets: [], error: error as Error };
		}
	});
	const batch: Batch = { plans, answers: new Map(), failures: new Map() };
	for (const round of bulkRequests(plans)) {
		const items = [...new Set([...round.values()].flatMap((entry) => entry.items))].sort(
			(a, b) => a - b,
		);
		try {
			const answer = (await devinApiRequest.call(this, {
				method: 'PUT',
				path: ['repositories', 'indexing'],
				body: {
					repositories: [...round].map(([path, { branches }]) =>
						branches.length
							? { repository_path: path, branch_names: branches }
							: { repository_path: path },
					),
				},
				permission: REPOSITORY_PERMISSIONS.index,
				subject: `One of the repositories ${[...round.keys()].join(', ')}`,
				expects: { kind: 'list', bare: true, id: 'repository_path' },
				itemIndex: items[0],
			})) as unknown;
			for (const entry of Array.isArray(answer) ? (answer as IDataObject[]) : [])
				batch.answers.set(String(entry.repository_path), entry);
		} catch (error) {
			for (const itemIndex of items) batch.failures.set(itemIndex, error as Error);
		}
	}
	return batch;
}

/** The batch's error, as thrown for item `itemIndex` (each item carries its own index). */
function forItem(this: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError) {
		return new NodeApiError(this.getNode(), { message: error.message } as JsonObject, {
			message: error.message,
			description: error.description ?? undefined,
			httpCode: error.httpCode ?? undefined,
			itemIndex,
		});
	}
	const description =
		error instanceof NodeOperationError ? (error.description ?? undefined) : undefined;
	return new NodeOperationError(this.getNode(), error.message, { description, itemIndex });
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	await requireV3.call(this, itemIndex, 'Repository: Index');
	let pending = batches.get(this);
	if (!pending) {
		pending = indexAll.call(this);
		batches.set(this, pending);
	}
	const batch = await pending;
	const plan = batch.plans[itemIndex];
	if (plan.error) throw plan.error;
	const failure = batch.failures.get(itemIndex);
	if (failure) throw forItem.call(this, failure, itemIndex);
	let answers = batch.answers;
	if (plan.wait) answers = await waitUntilIndexed.call(this, plan.targets, plan.wait, itemIndex);
	return indexingOutputs.call(
		this,
		itemIndex,
		plan.targets.map(({ path, branches }) => ({
			entry: answers.get(path) ?? { repository_path: path },
			branches,
		})),
	);
}
