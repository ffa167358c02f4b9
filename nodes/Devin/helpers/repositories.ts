import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { REPOSITORY_MAX_PAGE_SIZE } from '../constants';
import { devinApiRequest, type DevinFunctions } from '../transport';
import type { ListRequest } from '../transport/pagination';
import type { QueryParams } from '../transport/url';
import { pollUntil } from './poll';

/** Devin's permissions for its repository endpoints (named in a 403's hint). */
export const REPOSITORY_PERMISSIONS = { read: 'Read', index: 'IndexOrgRepositories' } as const;

/** The organization's repositories, as Get Many and the Repositories dropdowns list them. */
export function repositoryListRequest(qs: QueryParams, itemIndex?: number): ListRequest {
	return {
		method: 'GET',
		path: ['repositories'],
		qs,
		style: 'cursor',
		maxPageSize: REPOSITORY_MAX_PAGE_SIZE,
		itemId: 'repo_path',
		permission: REPOSITORY_PERMISSIONS.read,
		itemIndex,
	};
}

/** One repository's indexing (`owner/name` is one URL path segment: its slash is encoded). */
export async function fetchIndexing(
	this: DevinFunctions,
	path: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return await devinApiRequest.call(this, {
		method: 'GET',
		path: ['repositories', path, 'indexing'],
		permission: REPOSITORY_PERMISSIONS.read,
		subject: `Repository ${path}`,
		expects: { kind: 'object', id: 'repository_path' },
		itemIndex,
	});
}

/** Where a repository's indexing stands, for the branches asked for (default: its indexed ones). */
export type IndexingState = 'notIndexed' | 'inProgress' | 'indexed' | 'failed';

export interface IndexingVerdict {
	state: IndexingState;
	/** Branches without a finished job yet. */
	pending: string[];
	failedJob?: IDataObject;
}

function newestJobPerBranch(status: IDataObject): Map<string, IDataObject> {
	const latest = new Map<string, IDataObject>();
	const jobs = Array.isArray(status.latest_indexes) ? (status.latest_indexes as IDataObject[]) : [];
	for (const job of jobs) {
		const branch = String(job.branch_name ?? '');
		const seen = latest.get(branch);
		if (!seen || Number(seen.created_at ?? 0) <= Number(job.created_at ?? 0))
			latest.set(branch, job);
	}
	return latest;
}

/**
 * Reads a RepositoryIndexingResponse: indexed once the newest job of every wanted branch has
 * completed, failed as soon as one of them failed, in progress otherwise.
 */
export function indexingStateOf(entry: IDataObject, branches: string[] = []): IndexingVerdict {
	const status = (entry.indexing_status ?? {}) as IDataObject;
	const enabled = entry.indexing_enabled ?? status.indexing_enabled;
	if (enabled !== true) return { state: 'notIndexed', pending: [] };
	const latest = newestJobPerBranch(status);
	const configured = Array.isArray(entry.branches) ? (entry.branches as string[]) : [];
	const wanted = branches.length ? branches : configured.length ? configured : [...latest.keys()];
	if (wanted.length === 0) return { state: 'inProgress', pending: [] };
	const pending: string[] = [];
	for (const branch of wanted) {
		const job = latest.get(branch);
		if (job?.status === 'failed') return { state: 'failed', pending, failedJob: job };
		if (job?.status !== 'completed') pending.push(branch);
	}
	return { state: pending.length ? 'inProgress' : 'indexed', pending };
}

export interface IndexTarget {
	path: string;
	/** Empty: the branches Devin indexes for it (its default branch unless others were asked for). */
	branches: string[];
}

function duration(ms: number): string {
	if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
	return `${Math.round((ms / 60_000) * 100) / 100} min`;
}

/**
 * Polls each repository's indexing until all are indexed, with the same bounded, cancellable
 * backoff the session wait uses. A failed job ends the wait with an error naming it.
 */
export async function waitUntilIndexed(
	this: IExecuteFunctions,
	targets: IndexTarget[],
	settings: { timeoutMs: number; intervalMs: number },
	itemIndex: number,
): Promise<Map<string, IDataObject>> {
	const indexed = new Map<string, IDataObject>();
	return await pollUntil<
		Array<{ path: string; verdict: IndexingVerdict }>,
		Map<string, IDataObject>
	>(
		this,
		{ ...settings, itemIndex },
		async () => {
			const waiting: Array<{ path: string; verdict: IndexingVerdict }> = [];
			for (const target of targets) {
				if (indexed.has(target.path)) continue;
				const entry = await fetchIndexing.call(this, target.path, itemIndex);
				const verdict = indexingStateOf(entry, target.branches);
				if (verdict.state === 'failed') {
					const job = verdict.failedJob ?? {};
					const commit = typeof job.commit === 'string' ? `, commit ${job.commit.slice(0, 7)}` : '';
					throw new NodeOperationError(
						this.getNode(),
						`Indexing ${target.path} failed on branch ${String(job.branch_name ?? '?')}`,
						{
							description: `Devin's indexing job ${String(job.job_id ?? '')}${commit} ended as failed. Check the repository's connection and branch in Devin (Settings → Repositories), then run Index again: it starts a new job only for what is not indexed yet.`,
							itemIndex,
						},
					);
				}
				if (verdict.state === 'notIndexed') {
					throw new NodeOperationError(
						this.getNode(),
						`Indexing of ${target.path} was turned off while waiting for it`,
						{
							description:
								'Someone removed the repository from the index in the meantime. Run Index again to index it.',
							itemIndex,
						},
					);
				}
				if (verdict.state === 'indexed') indexed.set(target.path, entry);
				else waiting.push({ path: target.path, verdict });
			}
			return {
				state: waiting,
				verdict: waiting.length === 0 ? { done: true, value: indexed } : { done: false },
			};
		},
		(waiting) =>
			new NodeOperationError(
				this.getNode(),
				`Indexing of ${waiting.map((entry) => entry.path).join(', ')} is still in progress after ${duration(settings.timeoutMs)}`,
				{
					description: `Devin keeps indexing${waiting[0]?.verdict.pending.length ? ` (branches: ${[...new Set(waiting.flatMap((entry) => entry.verdict.pending))].join(', ')})` : ''}. Raise Timeout (Minutes), or check later with Repository → Get Indexing Status.`,
					itemIndex,
				},
			),
	);
}
