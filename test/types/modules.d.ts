/** The few functions the tests use from packages that ship no types of their own here. */
declare module 'lodash/get' {
	export default function get(object: unknown, path: string): unknown;
}

declare module 'semver' {
	export function satisfies(version: string, range: string): boolean;
	export function minVersion(range: string): { version: string } | null;
}
