import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { PLAYBOOKS } from '../../helpers/catalogs';
import { catalogOptions } from './catalogOptions';

export async function getPlaybooks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await catalogOptions.call(
		this,
		PLAYBOOKS,
		(playbook) => String(playbook.title ?? playbook.playbook_id),
		(playbook) => (typeof playbook.macro === 'string' ? playbook.macro : undefined),
	);
}
