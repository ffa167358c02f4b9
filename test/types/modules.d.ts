/** The one lodash function the tests use, as n8n's credential tester uses it. */
declare module 'lodash/get' {
	export default function get(object: unknown, path: string): unknown;
}
