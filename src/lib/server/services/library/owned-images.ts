import { findOwnedImageStates, type OwnedImageState } from '../../db/repositories/generated-images';
import type { Db } from '../../db/types';
import { AppError } from '../../errors';
import type { Actor } from '../users';
import { imageNotFound } from './images';

/** Whether a bulk action may use trashed images (unstar, remove from a collection) or not (star, add). */
export type TrashedImages = 'allowed' | 'refused';

/**
 * The states of `ids`, once every one is the actor's image. Another user's id answers `not_found` exactly
 * like a missing one, so the whole request is refused and nothing changes.
 */
export function requireEveryImage(ids: readonly string[], states: OwnedImageState[]): Map<string, OwnedImageState> {
  const byId = new Map(states.map((state) => [state.id, state]));
  const missing = ids.find((id) => !byId.has(id));
  if (missing) throw imageNotFound(missing);
  return byId;
}

/** `ids` without repeats, in their first order, once every one is the actor's image (see `requireEveryImage`). */
export async function requireOwnedImages(
  db: Db,
  actor: Actor,
  ids: readonly string[],
  trashed: TrashedImages
): Promise<string[]> {
  const unique = [...new Set(ids)];
  const states = requireEveryImage(unique, await findOwnedImageStates(db, actor.id, unique));
  const inTrash = unique.find((id) => states.get(id)?.deletedAt);
  if (trashed === 'refused' && inTrash) {
    throw new AppError('validation', `Image ${inTrash} is in the trash; restore it first (images.restore).`);
  }
  return unique;
}
