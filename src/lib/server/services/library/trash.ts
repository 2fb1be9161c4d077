import { eq } from 'drizzle-orm';
import {
  deleteTrashedImageRows,
  findOwnedImageRows,
  findOwnedImageStates,
  restoreImageRows,
  trashImageRows,
  UNFINISHED_STATUSES,
  type OwnedImageState
} from '../../db/repositories/generated-images';
import { instanceSettings } from '../../db/schema';
import type { Db } from '../../db/types';
import { AppError } from '../../errors';
import type { Deps } from '../deps';
import { toImageDto, type ImageDto } from '../image-dto';
import type { Actor } from '../users';
import { requireEveryImage } from './owned-images';
import { removePurgedFiles } from './purge';

type TrashDeps = Pick<Deps, 'db' | 'storage' | 'clock'>;

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionSettings = { trashRetentionDays: number; imageRetentionDays: number | null };

/** How long the instance keeps trashed images, and images at all (null: forever). */
export async function readRetentionSettings(deps: Pick<Deps, 'db'>): Promise<RetentionSettings> {
  const [row] = await deps.db
    .select({
      trashRetentionDays: instanceSettings.trashRetentionDays,
      imageRetentionDays: instanceSettings.imageRetentionDays
    })
    .from(instanceSettings)
    .where(eq(instanceSettings.id, 1));
  if (!row) throw new Error('instance_settings has no row; the migrations did not run.');
  return row;
}

export function daysBefore(moment: Date, days: number): Date {
  return new Date(moment.getTime() - days * DAY_MS);
}

/** The request's rows, locked; `not_found` for the first id that is not one of the actor's (nothing changes). */
async function lockEveryImage(tx: Db, actor: Actor, ids: string[]): Promise<OwnedImageState[]> {
  const states = await findOwnedImageStates(tx, actor.id, ids, { lock: true });
  requireEveryImage(ids, states);
  return states;
}

export type TrashOutcome = { ids: string[]; purgeAfter: string };

/**
 * Moves the actor's images to the trash, all or none: an id that is not theirs answers `not_found`, an image
 * still being made is refused (cancel it first). Deleting a trashed image again changes nothing. `purgeAfter`
 * is when the daily cleanup may purge the earliest of them.
 */
export async function trashImages(deps: TrashDeps, actor: Actor, ids: string[]): Promise<TrashOutcome> {
  const unique = [...new Set(ids)];
  const now = deps.clock();
  const firstDeletedAt = await deps.db.transaction(async (tx) => {
    const states = await lockEveryImage(tx, actor, unique);
    const unfinished = states.find((state) => (UNFINISHED_STATUSES as readonly string[]).includes(state.status));
    if (unfinished) {
      throw new AppError(
        'validation',
        `Image ${unfinished.id} is still being made (status: ${unfinished.status}); cancel it (images.cancel) ` +
          'or wait until it ends, then delete it. Nothing was deleted.'
      );
    }
    await trashImageRows(tx, actor.id, unique, now);
    return Math.min(...states.map((state) => (state.deletedAt ?? now).getTime()));
  });
  const { trashRetentionDays } = await readRetentionSettings(deps);
  return { ids: unique, purgeAfter: new Date(firstDeletedAt + trashRetentionDays * DAY_MS).toISOString() };
}

/** Takes the actor's images out of the trash, all or none; an image already in the library stays as it is. */
export async function restoreImages(deps: TrashDeps, actor: Actor, ids: string[]): Promise<{ images: ImageDto[] }> {
  const unique = [...new Set(ids)];
  await deps.db.transaction(async (tx) => {
    await lockEveryImage(tx, actor, unique);
    await restoreImageRows(tx, actor.id, unique);
  });
  const rows = await findOwnedImageRows(deps.db, actor.id, unique);
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A purge between the restore and this read leaves the id out: it is gone, not back.
  return {
    images: unique.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toImageDto(row, deps.storage)] : [];
    })
  };
}

export type PurgeOutcome = { purged: number; freedBytes: number };

/**
 * Deletes trashed images of the actor for good, with their files, all or none: an id that is not theirs
 * answers `not_found`, an image not in the trash is refused (delete it first).
 */
export async function purgeImages(deps: TrashDeps, actor: Actor, ids: string[]): Promise<PurgeOutcome> {
  const unique = [...new Set(ids)];
  const purged = await deps.db.transaction(async (tx) => {
    const states = await lockEveryImage(tx, actor, unique);
    const kept = states.find((state) => state.deletedAt === null);
    if (kept) {
      throw new AppError(
        'validation',
        `Image ${kept.id} is not in the trash; delete it first (images.delete), then purge it. Nothing was purged.`
      );
    }
    return deleteTrashedImageRows(tx, actor.id, unique);
  });
  return { purged: purged.length, freedBytes: await removePurgedFiles(deps, purged) };
}

/** Purges everything in the actor's trash. */
export async function emptyTrash(deps: TrashDeps, actor: Actor): Promise<PurgeOutcome> {
  const purged = await deleteTrashedImageRows(deps.db, actor.id);
  return { purged: purged.length, freedBytes: await removePurgedFiles(deps, purged) };
}
