import type { IDataObject } from 'n8n-workflow';

/** Devin never answers a secret's value; should that ever change, it still never reaches an output. */
export function withoutValue(secret: IDataObject): IDataObject {
	const metadata = { ...secret };
	delete metadata.value;
	return metadata;
}
