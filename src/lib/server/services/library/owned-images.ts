import { findOwnedImageStates } from '../../db/repositories/generated-images';
import type { Db } from '../../db/types';
import { AppError } from '../../errors';
import type { Actor } from '../users';

/** Whether a bulk action may use trashed images (unstar, remove from a collection) or not (star, add). */
export type TrashedImages = 'allowed' | 'refused';

/**
 * `ids` without repeats, in their first order, once every one is the actor's image. Another user's id
 * answers `not_found` exactly like a missing one, so the whole request is refused and nothing changes.
 */
export async function requireOwnedImages(
  db: Db,
  actor: Actor,
  ids: readonly string[],
  trashed: TrashedImages
): Promise<string[]> {
  const unique = [...new Set(ids)];
  const states = new Map((await findOwnedImageStates(db, actor.id, unique)).map((row) => [row.id, row]));
  const missing = unique.find((id) => !states.has(id));
  if (missing) throw new AppError('not_found', `No image with id ${missing}; list your images to find the right id.`);
  const inTrash = unique.find((id) => states.get(id)?.deletedAt);
  if (trashed === 'refused' && inTrash) {
    throw new AppError('validation', `Image ${inTrash} is in the trash; restore it first (images.restore).`);
  }
  return unique;
}
