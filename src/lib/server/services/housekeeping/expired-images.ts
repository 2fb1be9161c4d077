import { deleteExpiredImageRows, type ExpiredImages } from '../../db/repositories/generated-images';
import type { Deps } from '../deps';
import { daysBefore, readRetentionSettings, removePurgedFiles } from '../library';

type ExpiryDeps = Pick<Deps, 'db' | 'storage' | 'clock'>;

/** Rows deleted per statement; each batch's files are removed before the next batch. */
const BATCH_SIZE = 500;

/**
 * The daily cleanup: purges, with their files, images in the trash for longer than `trash_retention_days`
 * and, when the admin set `image_retention_days`, finished images older than that, except starred ones.
 * Cutoffs count whole days, so running it on every sweep is the same as daily; instances running it at once
 * take disjoint batches. Returns how many images it purged.
 */
export async function purgeExpiredImages(deps: ExpiryDeps, signal?: AbortSignal): Promise<number> {
  const now = deps.clock();
  const { trashRetentionDays, imageRetentionDays } = await readRetentionSettings(deps);
  let purged = await purgeAll(deps, { trashedBefore: daysBefore(now, trashRetentionDays) }, signal);
  if (imageRetentionDays !== null) {
    purged += await purgeAll(deps, { createdBefore: daysBefore(now, imageRetentionDays) }, signal);
  }
  return purged;
}

async function purgeAll(deps: ExpiryDeps, expired: ExpiredImages, signal?: AbortSignal): Promise<number> {
  let purged = 0;
  for (;;) {
    if (signal?.aborted) return purged;
    const rows = await deleteExpiredImageRows(deps.db, expired, BATCH_SIZE);
    await removePurgedFiles(deps, rows);
    purged += rows.length;
    if (rows.length < BATCH_SIZE) return purged;
  }
}
