import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { KNOWLEDGE } from '../../helpers/catalogs';
import { catalogOptions } from './catalogOptions';

export async function getKnowledgeNotes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await catalogOptions.call(
		this,
		KNOWLEDGE,
		(note) => String(note.name ?? note.note_id),
		(note) => (typeof note.trigger === 'string' ? note.trigger : undefined),
	);
}
