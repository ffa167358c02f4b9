import { buildUrl, normalizeBaseUrl, toQueryString } from '../../../../nodes/Devin/transport/url';

describe('normalizeBaseUrl', () => {
	it.each([
		['https://api.devin.ai', 'https://api.devin.ai'],
		['https://api.devin.ai/', 'https://api.devin.ai'],
		['https://api.devin.ai///', 'https://api.devin.ai'],
		['https://api.devin.ai/v3', 'https://api.devin.ai'],
		['https://api.devin.ai/v3/', 'https://api.devin.ai'],
		['https://api.devin.ai/v1', 'https://api.devin.ai'],
		['https://api.devin.ai/V3beta1', 'https://api.devin.ai'],
		['api.acme.devinenterprise.com', 'https://api.acme.devinenterprise.com'],
		['  http://127.0.0.1:4010/ ', 'http://127.0.0.1:4010'],
		['', 'https://api.devin.ai'],
		[undefined, 'https://api.devin.ai'],
	])('%p → %s', (input, expected) => {
		expect(normalizeBaseUrl(input)).toBe(expected);
	});
});

describe('buildUrl and toQueryString', () => {
	it('URL-encodes every path segment', () => {
		expect(
			buildUrl('https://api.devin.ai', ['v3', 'organizations', 'org-1', 'sessions', 'a/b?c']),
		).toBe('https://api.devin.ai/v3/organizations/org-1/sessions/a%2Fb%3Fc');
	});

	it('sends arrays as repeated keys and skips empty values', () => {
		expect(
			toQueryString({
				tags: ['a', 'b c'],
				first: 10,
				after: undefined,
				x: null,
				y: '',
				archive: false,
			}),
		).toBe('?tags=a&tags=b+c&first=10&archive=false');
		expect(toQueryString({})).toBe('');
	});
});
