import type { InputImage } from '../../providers/types';
import { maskKey } from '../blob-keys';
import type { Deps } from '../deps';

/**
 * Stores an edit's normalized mask once, named after its first row, before the rows that reference it
 * exist (the orphan sweep leaves files younger than a running operation alone). Returns its key.
 */
export async function storeMask(
  deps: Pick<Deps, 'storage'>,
  mask: InputImage,
  firstRowId: string,
  createdAt: Date
): Promise<string> {
  const key = maskKey(firstRowId, createdAt);
  await deps.storage.put(key, mask.bytes);
  return key;
}
