/**
 * What a successful answer must be. The transport checks it once, for every request, so no
 * operation ever reads a broken answer (an empty body, a proxy's text, a list where an object
 * belongs, an object without its ID) and fails with a raw JavaScript error instead.
 *
 * - `object`: a JSON object; with `id`, that field must be set. `orNothing` also accepts no body.
 * - `list`: an object with an array of objects at `itemsKey` (default `items`), each with `id`
 *   set when given; `bare` also accepts the array alone.
 * - `url`: a JSON string holding an http(s) URL (v1 answers an upload with the file's URL).
 * - `bytes`: a file.
 * - `nothing`: the answer is not used (a delete): any body will do.
 */
export type Expected =
	| { kind: 'object'; id?: string; orNothing?: boolean }
	| { kind: 'list'; itemsKey?: string; bare?: boolean; id?: string }
	| { kind: 'url' }
	| { kind: 'bytes' }
	| { kind: 'nothing' };

const MAX_QUOTE = 60;

const isObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);

function quote(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return JSON.stringify(line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE)}…` : line);
}

/** What a body is, in words, for an error message. */
function shapeOf(body: unknown): string {
	if (body === undefined || body === '') return 'an empty body';
	if (body === null) return 'null';
	if (Buffer.isBuffer(body)) return 'a file';
	if (typeof body === 'string') return `text that is not JSON (${quote(body)})`;
	if (Array.isArray(body)) return 'a list';
	if (isObject(body)) return 'an object';
	return `the bare value ${quote(String(body))}`;
}

const isNothing = (body: unknown) => body === undefined || body === null || body === '';
const isSet = (value: unknown) => !isNothing(value);

/** Why `body` is not the answer `expected` describes, in words; undefined when it is. */
export function unusableAnswer(body: unknown, expected: Expected): string | undefined {
	switch (expected.kind) {
		case 'nothing':
			return undefined;
		case 'bytes':
			return Buffer.isBuffer(body) ? undefined : `${shapeOf(body)} instead of a file`;
		case 'url':
			return typeof body === 'string' && /^https?:\/\/\S+$/.test(body.trim())
				? undefined
				: `${shapeOf(body)} instead of a file URL`;
		case 'object': {
			if (expected.orNothing && isNothing(body)) return undefined;
			if (!isObject(body)) return `${shapeOf(body)} instead of an object`;
			const id = expected.id;
			if (id !== undefined && !isSet(body[id])) return `an object without ${id}`;
			return undefined;
		}
		case 'list': {
			const key = expected.itemsKey ?? 'items';
			let items: unknown[];
			if (Array.isArray(body)) {
				if (!expected.bare) return `a bare list instead of an object with the ${key} list`;
				items = body;
			} else if (isObject(body)) {
				if (!Array.isArray(body[key])) return `an object without the ${key} list`;
				items = body[key] as unknown[];
			} else {
				return `${shapeOf(body)} instead of a list`;
			}
			if (!items.every(isObject)) return 'a list holding something other than objects';
			const id = expected.id;
			if (id !== undefined && !items.every((item) => isSet(item[id]))) {
				return `a list with an entry without ${id}`;
			}
			return undefined;
		}
	}
}
