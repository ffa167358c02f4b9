import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, toStringList, type FieldContext } from '../helpers/validation';

/** `owner/name`; GitLab subgroups add more segments (`group/sub/name`). */
const PATH = '[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+';
const ONE_PATH = new RegExp(`^${PATH}$`);
/** A repository's web address: `https://github.com/acme/web(.git)`. */
const REPOSITORY_URL = /^https?:\/\/[^/]+\/(.+?)(?:\.git)?\/?$/i;

/**
 * Repositories from a searchable list of the organization's, or typed as `owner/name` (several
 * separated by commas when `multiple`), or from an expression (text or a list).
 */
export function repositoryLocator(options: {
	name: string;
	displayName: string;
	description: string;
	multiple: boolean;
	required?: boolean;
}): INodeProperties {
	const typed = options.multiple ? `^\\s*${PATH}\\s*(,\\s*${PATH}\\s*)*$` : `^\\s*${PATH}\\s*$`;
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a repository...',
				typeOptions: { searchListMethod: 'searchRepositories', searchable: true },
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: options.multiple ? 'e.g. acme/web, acme/api' : 'e.g. acme/web',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: typed,
							errorMessage: options.multiple
								? 'Enter owner/name, several separated by commas'
								: 'Enter owner/name',
						},
					},
				],
			},
		],
	};
}

/** `owner/name` from a path or a pasted repository URL; undefined when it is neither. */
export function toRepositoryPath(text: string): string | undefined {
	let path = text.trim();
	const url = REPOSITORY_URL.exec(path);
	if (url) path = url[1];
	path = path.replace(/^\/+|\/+$/g, '');
	return ONE_PATH.test(path) ? path : undefined;
}

/**
 * The repositories a locator (or an older plain-text field) holds: a locator, a comma-separated
 * string or a list, each entry `owner/name` or a repository URL. Strict (for URL paths): every
 * entry must be a path. Lenient (Create Session's Repositories): what is no path is sent as typed.
 */
export function readRepositoryPaths(
	context: FieldContext,
	label: string,
	value: unknown,
	strict = true,
): string[] {
	const raw =
		value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value
			? (value as { value: unknown }).value
			: value;
	const paths = toStringList(context, label, raw, { unique: true }).map((entry) => {
		const path = toRepositoryPath(entry);
		if (!path && !strict) return entry;
		if (!path) {
			throw invalidField(
				context,
				label,
				`"${entry}" is not a repository path`,
				'Use owner/name as Devin lists it (for example acme/web), or pick the repository from the list.',
			);
		}
		return path;
	});
	return [...new Set(paths)];
}

/** The one repository of parameter `name` for item `itemIndex`. */
export function readRepositoryPath(
	this: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const context = { node: this.getNode(), itemIndex };
	const paths = readRepositoryPaths(context, label, this.getNodeParameter(name, itemIndex, ''));
	if (paths.length !== 1) {
		throw invalidField(
			context,
			label,
			paths.length === 0 ? 'is empty' : `names ${paths.length} repositories; this needs one`,
			'Pick a repository from the list or enter its path (owner/name).',
		);
	}
	return paths[0];
}
