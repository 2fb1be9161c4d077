import { ZSearchInput } from '$lib/server/api';
import { queryInput } from '$lib/server/http/query-input';
import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/**
 * `GET /api/images/search?text&provider&model&size&status&from&to&favorite&collectionId&hasParent&operation&seed&trash&sort&limit&cursor`:
 * `{ success, images, count, nextCursor, total }` (total: `{ count, exact }`).
 */
export const GET: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedImage }) => {
    const page = await api.images.search(queryInput(event.url, ZSearchInput));
    return { ...page, images: page.images.map((image) => toSeedImage(image)), count: page.images.length };
  });
