import { deleteFavorites, insertFavorites } from '../../db/repositories/favorites';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { requireOwnedImages } from './owned-images';

export type FavoriteChange = { ids: string[]; favorite: boolean };

/**
 * Stars (or unstars) the actor's images; repeating a request changes nothing more. A trashed image may be
 * unstarred but not starred: the trash is on its way out of the library, and restoring it keeps its star.
 */
export async function setFavorite(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  ids: readonly string[],
  favorite: boolean
): Promise<FavoriteChange> {
  const owned = await requireOwnedImages(deps.db, actor, ids, favorite ? 'refused' : 'allowed');
  await (favorite ? insertFavorites : deleteFavorites)(deps.db, actor.id, owned);
  return { ids: owned, favorite };
}
