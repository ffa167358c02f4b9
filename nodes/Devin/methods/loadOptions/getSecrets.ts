import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SECRETS } from '../../helpers/catalogs';
import { catalogOptions } from './catalogOptions';

/** Secrets by their key name; values are never loaded. */
export async function getSecrets(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await catalogOptions.call(
		this,
		SECRETS,
		(secret) => String(secret.key ?? secret.secret_id),
		(secret) => (typeof secret.note === 'string' && secret.note ? secret.note : undefined),
	);
}
