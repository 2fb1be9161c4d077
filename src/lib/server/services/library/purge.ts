import { referencedBlobKeys, type PurgedImageRow } from '../../db/repositories/generated-images';
import { PREVIEW_SIZES } from '../../images';
import { previewKey } from '../blob-keys';
import type { Deps } from '../deps';

/** Files removed at once; a large purge (an emptied trash, a retention pass) must not open every file together. */
const DELETE_BATCH = 64;

/**
 * Removes the files of rows already deleted (image, thumbnail, previews, and an edit's mask once no remaining row of
 * its request holds it). Rows go first, files after: a crash in between leaves only unreferenced files,
 * which the orphan sweep removes. Returns the bytes of the image files removed (their rows' `file_size`).
 */
export async function removePurgedFiles(deps: Pick<Deps, 'db' | 'storage'>, purged: PurgedImageRow[]): Promise<number> {
  const masks = [...new Set(purged.map((row) => row.maskStoragePath).filter((key) => key !== null))];
  // Read after the rows' deletion committed, so of two purges taking a mask's last rows at once, the later check sees none left.
  const stillHeld = await referencedBlobKeys(deps.db, [], masks);
  const keys = [
    ...purged.flatMap((row) => [row.storagePath, row.thumbnailPath]).filter((key) => key !== null),
    ...purged.flatMap((row) =>
      row.storagePath ? PREVIEW_SIZES.map((size) => previewKey(row.storagePath!, size)) : []
    ),
    ...masks.filter((key) => !stillHeld.has(key))
  ];
  for (let start = 0; start < keys.length; start += DELETE_BATCH) {
    await Promise.all(keys.slice(start, start + DELETE_BATCH).map((key) => deps.storage.delete(key)));
  }
  return purged.reduce((sum, row) => sum + (row.fileSize ?? 0), 0);
}
