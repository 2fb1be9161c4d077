import { referencedBlobKeys } from '../../db/repositories/generated-images';
import { PREVIEW_SIZES } from '../../images';
import { imageIdOfKey, isMaskKey, previewKey } from '../blob-keys';
import type { Deps } from '../deps';

type OrphanDeps = Pick<Deps, 'db' | 'storage' | 'clock' | 'config'>;

/** Keys checked against the database per query. */
const BATCH_SIZE = 500;

/**
 * Removes the image files no row references, and temp files of writes that never finished, once they are
 * older than the operation timeout and its margin: a younger file may belong to a request in flight, which
 * writes its files before the row that references them. Only keys made by `imageKey`/`thumbnailKey`/`maskKey`/
 * `previewKey` are considered (they name their row); a mask stays while any row of its edit request holds it, a
 * preview while its image's file is referenced. Returns how
 * many files it removed.
 */
export async function removeOrphanBlobs(deps: OrphanDeps, signal?: AbortSignal): Promise<number> {
  const olderThan = new Date(deps.clock().getTime() - deps.config.operations.staleAfterMs);
  let removed = await deps.storage.removeUnfinishedWrites(olderThan);
  let batch: ImageBlob[] = [];
  for await (const { key, modifiedAt } of deps.storage.list()) {
    if (signal?.aborted) break;
    const imageId = imageIdOfKey(key);
    if (modifiedAt >= olderThan || !imageId) continue;
    batch.push({ key, imageId });
    if (batch.length === BATCH_SIZE) {
      removed += await removeUnreferenced(deps, batch);
      batch = [];
    }
  }
  return removed + (signal?.aborted ? 0 : await removeUnreferenced(deps, batch));
}

type ImageBlob = { key: string; imageId: string };

async function removeUnreferenced(deps: OrphanDeps, blobs: ImageBlob[]): Promise<number> {
  const ids = [...new Set(blobs.map((blob) => blob.imageId))];
  const masks = blobs.filter((blob) => isMaskKey(blob.key)).map((blob) => blob.key);
  const referenced = await referencedBlobKeys(deps.db, ids, masks);
  const held = new Set([...referenced].flatMap((key) => [key, ...PREVIEW_SIZES.map((size) => previewKey(key, size))]));
  const orphans = blobs.filter((blob) => !held.has(blob.key));
  await Promise.all(orphans.map((blob) => deps.storage.delete(blob.key)));
  return orphans.length;
}
