import { ZCollectionImagesInput } from '$lib/server/api';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

const ZImageIdsBody = ZCollectionImagesInput.omit({ id: true });

/** `POST /api/collections/:id/images` `{ imageIds }` appends them in that order: `{ success, collection, changed }`. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api }) => {
    const { imageIds } = await readJsonBody(event.request, ZImageIdsBody);
    return api.collections.addImages({ id: event.params.id, imageIds });
  });

/** `DELETE /api/collections/:id/images` `{ imageIds }` takes them out (never out of the library). */
export const DELETE: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api }) => {
    const { imageIds } = await readJsonBody(event.request, ZImageIdsBody);
    return api.collections.removeImages({ id: event.params.id, imageIds });
  });
