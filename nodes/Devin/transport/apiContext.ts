import { NodeOperationError } from 'n8n-workflow';
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../constants';
import { normalizeBaseUrl } from './url';

/** Every n8n context the Devin nodes run in. */
export type DevinFunctions =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions;

export type ApiVersion = 'v1' | 'v3';
export type KeyKind = 'cog' | 'apk' | 'other';

/** What the transport needs from the credential. The key itself stays inside n8n's auth helper. */
export interface DevinApiContext {
	baseUrl: string;
	version: ApiVersion;
	keyKind: KeyKind;
	allowImpersonation: boolean;
	/** The org from the credential; when empty, v3 discovers it with `GET /v3/self`. */
	organizationId?: string;
	/** Strings that must never appear in output: the key in use. */
	secrets: string[];
}

const ORGANIZATION_ID = /^org-[A-Za-z0-9_-]+$/;

function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

export function keyKindOf(apiKey: string): KeyKind {
	if (apiKey.startsWith('cog_')) return 'cog';
	if (apiKey.startsWith('apk_')) return 'apk';
	return 'other';
}

/** `auto` picks v1 for legacy `apk_` keys and v3 for everything else. */
export function resolveApiVersion(setting: unknown, keyKind: KeyKind): ApiVersion {
	if (setting === 'v1' || setting === 'v3') return setting;
	return keyKind === 'apk' ? 'v1' : 'v3';
}

export function buildApiContext(
	credentials: ICredentialDataDecryptedObject,
	fail: (message: string, fix: string) => Error,
): DevinApiContext {
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
	if (apiKey === '') {
		throw fail(
			'The Devin API credential has no API key',
			'Paste your cog_… (or legacy apk_…) key into the credential.',
		);
	}
	// Every Devin key starts with cog_ or apk_: anything else would only earn a 401, or reach the
	// wrong service, so it is never sent. The key itself is never quoted back.
	if (keyKindOf(apiKey) === 'other' || /\s/.test(apiKey)) {
		throw fail(
			'The API key in the Devin API credential is not a Devin API key',
			'Devin API keys start with cog_ (service users and personal access tokens, API v3) or apk_ (legacy, API v1) and contain no spaces. Paste the whole key as Devin shows it, without "Bearer" or quotes.',
		);
	}
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const scheme = /^([a-z][\w+.-]*):\/\//i.exec(String(credentials.baseUrl ?? '').trim())?.[1];
	if (!isHttpUrl(baseUrl) || (scheme !== undefined && !/^https?$/i.test(scheme))) {
		throw fail(
			`Base URL "${baseUrl}" is not a web address`,
			'Set Base URL in the Devin API credential to https://api.devin.ai, or to your dedicated enterprise API host (for example https://api.acme.devinenterprise.com).',
		);
	}
	if (/^https?:\/\/app\.devin\.ai$/i.test(baseUrl)) {
		throw fail(
			'Base URL points at the Devin web app, not its API',
			'Set Base URL in the Devin API credential to https://api.devin.ai.',
		);
	}
	const organizationId =
		typeof credentials.organizationId === 'string' && credentials.organizationId.trim() !== ''
			? credentials.organizationId.trim()
			: undefined;
	if (organizationId !== undefined && !ORGANIZATION_ID.test(organizationId)) {
		throw fail(
			`Organization ID "${organizationId}" does not look like a Devin organization ID`,
			'Organization IDs start with org- (for example org-abc123def456); Devin shows yours under Settings → Service Users. Or leave the field empty to look it up from the key.',
		);
	}
	const keyKind = keyKindOf(apiKey);
	return {
		baseUrl,
		version: resolveApiVersion(credentials.apiVersion, keyKind),
		keyKind,
		allowImpersonation: credentials.allowImpersonation === true,
		organizationId,
		secrets: [apiKey],
	};
}

interface ReadCredential {
	api: DevinApiContext;
	handover: IAdditionalCredentialOptions;
}

const contexts = new WeakMap<object, Promise<ReadCredential>>();

/** Reads and checks the credential once per execution (or poll, or dropdown load). */
async function readCredential(this: DevinFunctions): Promise<ReadCredential> {
	let read = contexts.get(this);
	if (!read) {
		const node = this.getNode();
		read = (this.getCredentials as (type: string) => Promise<ICredentialDataDecryptedObject>)
			.call(this, CREDENTIAL_TYPE)
			.then((credentials) => {
				const reference = node.credentials?.[CREDENTIAL_TYPE];
				return {
					api: buildApiContext(
						credentials,
						(message, fix) => new NodeOperationError(node, message, { description: fix }),
					),
					// A copy, as n8n may merge refreshed values into what it is given.
					handover: {
						credentialsDecrypted: {
							id: reference?.id ?? '',
							name: reference?.name ?? '',
							type: CREDENTIAL_TYPE,
							data: { ...credentials },
						},
					},
				};
			});
		contexts.set(this, read);
		read.catch(() => contexts.delete(this));
	}
	return await read;
}

/** The credential's settings, read once per execution (or poll, or dropdown load). */
export async function getApiContext(this: DevinFunctions): Promise<DevinApiContext> {
	return (await readCredential.call(this)).api;
}

/**
 * The credential as read for this execution, handed to n8n's auth helper with every request:
 * without it n8n loads, decrypts and resolves the credential again for each request.
 */
export async function credentialHandover(
	this: DevinFunctions,
): Promise<IAdditionalCredentialOptions> {
	return (await readCredential.call(this)).handover;
}
