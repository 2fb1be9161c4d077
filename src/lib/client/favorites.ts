import { handleError } from './errors';
import { trpc, type Image } from './trpc';

/**
 * Stars (or unstars) `images` at once: the star changes right away and goes back if the server refuses.
 * Answers the message to show, or null when it worked. The images must be reactive for the star to follow.
 */
export async function setFavorite(images: Image[], favorite: boolean): Promise<string | null> {
  const changed = images.filter((image) => image.favorite !== favorite);
  if (changed.length === 0) return null;
  for (const image of changed) image.favorite = favorite;
  try {
    await trpc.images.favorite.mutate({ ids: changed.map((image) => image.id), favorite });
    return null;
  } catch (error) {
    for (const image of changed) image.favorite = !favorite;
    return handleError(error, 'The star could not be saved; check your connection and try again.');
  }
}
