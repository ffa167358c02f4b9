import { DEFAULT_BASE_URL } from '../constants';

export type QueryValue = string | number | boolean | Array<string | number> | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Tolerates what people paste: trailing slashes, a `/v3` or `/v1` suffix, a missing scheme. */
export function normalizeBaseUrl(raw: unknown): string {
	let url = typeof raw === 'string' ? raw.trim() : '';
	if (url === '') return DEFAULT_BASE_URL;
	if (!/^https?:\/\//i.test(url)) url = `https://${url}`;
	url = url.replace(/\/+$/, '');
	url = url.replace(/\/v(1|3|3beta1)$/i, '');
	return url.replace(/\/+$/, '');
}

/** Arrays become repeated keys (`tags=a&tags=b`), as Devin's FastAPI backend expects. */
export function toQueryString(qs: QueryParams | undefined): string {
	if (!qs) return '';
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(qs)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value)) {
			for (const entry of value) search.append(key, String(entry));
		} else {
			search.append(key, String(value));
		}
	}
	const text = search.toString();
	return text === '' ? '' : `?${text}`;
}

/** Joins path segments under the base URL, URL-encoding each one. */
export function buildUrl(baseUrl: string, segments: string[], qs?: QueryParams): string {
	const path = segments.map((segment) => encodeURIComponent(segment)).join('/');
	return `${baseUrl}/${path}${toQueryString(qs)}`;
}
