import { ZHistoryInput } from '$lib/server/api';
import { AppError } from '$lib/server/errors';
import { queryInput } from '$lib/server/http/query-input';
import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/**
 * `GET /api/images/history?userId&limit&offset&cursor` plus the search filters (text, provider, model, size,
 * status, from, to, favorite, collectionId, hasParent, operation, seed, trash): the seed's
 * `{ success, images, count }` plus `total`, `totalExact`, `nextCursor`, `userId`.
 */
export const GET: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedImage }) => {
    const userId = event.url.searchParams.get('userId');
    const page = await api.images.history(queryInput(event.url, ZHistoryInput.unwrap()));
    if (userId && userId !== page.userId) {
      throw new AppError('not_found', `No user ${userId} is visible to you; omit userId to list your own images.`);
    }
    return { ...page, images: page.images.map((image) => toSeedImage(image)), count: page.images.length };
  });
