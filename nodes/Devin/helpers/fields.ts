import type { IDataObject, INode } from 'n8n-workflow';

import type { ApiVersion } from '../transport';
import { requireApiVersion } from './apiVersion';
import { normalizeSessionId } from './sessionId';
import {
	invalidField,
	optionalText,
	toChoice,
	toFlag,
	toHttpUrl,
	toId,
	toJsonObject,
	toStringList,
	toUnixSeconds,
	toWholeNumber,
	type FieldContext,
} from './validation';

export interface ReadContext extends FieldContext {
	/** The workflow's time zone, for date fields. */
	timeZone: string;
}

/** Reads one field's value as the API wants it; undefined leaves the field out. */
export type FieldReader = (context: ReadContext, label: string, value: unknown) => unknown;

/** One node field and the API field it fills. */
export interface FieldSpec {
	param: string;
	api: string;
	label: string;
	read: FieldReader;
	/** The API versions that have it (default: both). */
	versions?: ApiVersion[];
	/** What to use instead in the other API version. */
	instead?: string;
}

const list =
	(options: { max?: number } = {}): FieldReader =>
	(context, label, value) => {
		const entries = toStringList(context, label, value, { ...options, unique: true });
		return entries.length ? entries : undefined;
	};

/** A list whose every entry `check` reads (and may refuse); undefined when empty. */
const listOf =
	(check: FieldReader, options: { max?: number } = {}): FieldReader =>
	(context, label, value) => {
		const entries = toStringList(context, label, value, { ...options, unique: true });
		return entries.length ? entries.map((entry) => check(context, label, entry)) : undefined;
	};

/** A repository as Devin names it: owner/name (GitLab groups may nest: group/sub/name). */
const REPOSITORY = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/;

const repository =
	(also: string[] = []): FieldReader =>
	(context, label, value) => {
		const text = optionalText(value);
		if (text !== undefined && !REPOSITORY.test(text) && !also.includes(text)) {
			throw invalidField(
				context,
				label,
				`${JSON.stringify(text)} is not a repository path`,
				`Use owner/name, e.g. acme/web${also.length ? `, or ${also.join(', ')}` : ''}.`,
			);
		}
		return text;
	};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const id =
	(example: string, prefix?: string, inList = false): FieldReader =>
	(context, label, value) =>
		toId(context, label, value, { example, prefix, inList });

/** The ways fields are read, named once. */
export const read = {
	text: ((_context, _label, value) => optionalText(value)) as FieldReader,
	/** Text kept exactly as typed, spaces and empty string included (bodies, prompts). */
	rawText: ((_context, _label, value) =>
		typeof value === 'string' ? value : undefined) as FieldReader,
	flag: ((context, label, value) => toFlag(context, label, value)) as FieldReader,
	list: (max?: number): FieldReader => list({ max }),
	/** An ID; `prefix` when Devin's IDs of this kind always carry one. */
	id,
	ids: (example: string, prefix?: string): FieldReader => listOf(id(example, prefix, true)),
	sessionIds: listOf((context, label, value) => normalizeSessionId(context, label, value)),
	url: ((context, label, value) => toHttpUrl(context, label, value)) as FieldReader,
	urls: listOf((context, label, value) => toHttpUrl(context, label, value)),
	repository,
	repositories: listOf(repository()),
	email: ((context, label, value) => {
		const text = optionalText(value);
		if (text !== undefined && !EMAIL.test(text)) {
			throw invalidField(
				context,
				label,
				`${JSON.stringify(text)} is not an email address`,
				'Enter an address such as name@example.com.',
			);
		}
		return text;
	}) as FieldReader,
	json:
		(maxBytes?: number): FieldReader =>
		(context, label, value) =>
			toJsonObject(context, label, value, { maxBytes }),
	wholeNumber: ((context, label, value) => toWholeNumber(context, label, value)) as FieldReader,
	unixSeconds: ((context, label, value) =>
		toUnixSeconds(context, label, value, context.timeZone)) as FieldReader,
	isoDate: ((context, label, value) => {
		const seconds = toUnixSeconds(context, label, value, context.timeZone);
		return seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
	}) as FieldReader,
	oneOf:
		(allowed: string[]): FieldReader =>
		(context, label, value) =>
			toChoice(context, label, value, allowed),
	/** A multi-choice field: each entry one of `allowed`. */
	someOf: (allowed: string[]): FieldReader =>
		listOf((context, label, value) => toChoice(context, label, value, allowed)),
	maxLength:
		(max: number): FieldReader =>
		(context, label, value) => {
			const text = optionalText(value);
			if (text !== undefined && text.length > max) {
				throw invalidField(
					context,
					label,
					`is ${text.length} characters; Devin accepts at most ${max}`,
					`Shorten it to ${max} characters.`,
				);
			}
			return text;
		},
};

/**
 * The API fields for the node fields in `values`, read and checked by `specs`. A field the API
 * version lacks fails here, before any request.
 */
export function readFields(
	node: INode,
	itemIndex: number,
	timeZone: string,
	values: IDataObject,
	specs: FieldSpec[],
	version: ApiVersion,
): IDataObject {
	const context: ReadContext = { node, itemIndex, timeZone };
	const result: IDataObject = {};
	for (const spec of specs) {
		const value = spec.read(context, spec.label, values[spec.param]);
		if (value === undefined) continue;
		if (spec.versions && !spec.versions.includes(version)) {
			requireApiVersion(node, itemIndex, spec.label, spec.versions[0], version, spec.instead);
		}
		result[spec.api] = value as IDataObject[string];
	}
	return result;
}
