import type {
	IAuthenticateRuleResponseCode,
	ICredentialDataDecryptedObject,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** The base URL as the node normalises it: no trailing slash, no pasted /v1 or /v3, a scheme. */
const BASE_URL =
	'(/^https?:\\/\\//i.test(($credentials.baseUrl || "https://api.devin.ai").trim()) ? "" : "https://") + ($credentials.baseUrl || "https://api.devin.ai").trim().replace(/\\/+$/, "").replace(/\\/v(1|3|3beta1)$/i, "")';
/** API v1 when chosen, or on Auto for legacy apk_ keys; v3 otherwise. */
const USES_V1 =
	'$credentials.apiVersion === "v1" || ($credentials.apiVersion !== "v3" && String($credentials.apiKey).trim().startsWith("apk_"))';

const BASE_URL_HINT =
	'Check the Base URL: it should be https://api.devin.ai, or your dedicated enterprise host such as https://api.acme.devinenterprise.com, without /v3 or /v1.';

/** n8n's tester reads both kinds of rule from one list, although its type names one kind per list. */
const TEST_RULES: Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'Devin rejected the API key (401). Check that it is complete and not revoked; cog_ keys need API Version Auto or v3, legacy apk_ keys Auto or v1.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 403,
			message:
				'The API key is valid but not allowed to make this call (403). Give its service user the permissions your workflows need in Devin under Settings → Service Users.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message: `The Base URL answers, but it is not a Devin API (404 Not Found). ${BASE_URL_HINT}`,
		},
	},
	{
		// A body n8n could not parse as JSON stays a string: a web page (the n8n editor answers every
		// path with one) or plain text. Devin always answers JSON.
		type: 'responseSuccessBody',
		properties: {
			key: 'constructor.name',
			value: 'String',
			message: `The Base URL answers, but it is not a Devin API (it sent a web page or text, not JSON). ${BASE_URL_HINT}`,
		},
	},
];

export class DevinApi implements ICredentialType {
	name = 'devinApi';

	displayName = 'Devin API';

	icon: Icon = { light: 'file:../icons/devin.svg', dark: 'file:../icons/devin.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-devin/n8n-nodes-devin#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A cog_… key for API v3: create a service user in Devin under Settings → Service Users. Legacy apk_… keys work with API v1.',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			placeholder: 'e.g. org-abc123def456',
			description:
				'The org-… ID of the organization to work in (Devin shows it under Settings → Service Users). Leave empty to look it up from the key; keys of enterprise-scoped service users need it.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.devin.ai',
			description:
				'The Devin API address. Change it only for a dedicated enterprise host (e.g. https://api.acme.devinenterprise.com) or a local Devin API emulator. When Test shows only a code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT, EPROTO or CERT_…), n8n could not connect to this address at all.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			default: 'auto',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description: 'V1 for legacy apk_ keys, v3 for cog_ keys',
				},
				{ name: 'V1 (Legacy)', value: 'v1', description: 'The deprecated API for apk_ keys' },
				{ name: 'V3', value: 'v3', description: 'The current API for cog_ keys' },
			],
		},
		{
			displayName: 'Allow Impersonation',
			name: 'allowImpersonation',
			type: 'boolean',
			default: false,
			description:
				'Whether nodes may create sessions and send messages on behalf of other Devin users (Create As User ID, Message As User ID). The key also needs the ImpersonateOrgSessions permission.',
		},
	];

	/**
	 * A Bearer header from the key. A function, not a generic `={{…}}` header: n8n evaluates a generic
	 * one as an expression on every request, which cost more than the request itself (see bench/).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${apiKey}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${BASE_URL}}}`,
			url: `={{(${USES_V1}) ? "/v1/sessions?limit=1" : "/v3/self"}}`,
			method: 'GET',
		},
		// n8n shows only the HTTP status text ("Unauthorized") unless a rule names the fix.
		rules: TEST_RULES as ICredentialTestRequest['rules'],
	};
}
