import { ZCollectionPageInput, ZUpdateCollectionInput } from '$lib/server/api';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** `GET /api/collections/:id?limit&cursor`: `{ success, collection, images, nextCursor }`, images in its order. */
export const GET: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedImage }) => {
    const query = event.url.searchParams;
    const limit = query.get('limit');
    const page = await api.collections.get(
      ZCollectionPageInput.parse({
        id: event.params.id,
        limit: limit === null ? undefined : Number(limit),
        cursor: query.get('cursor') ?? undefined
      })
    );
    return { ...page, images: page.images.map((image) => toSeedImage(image)) };
  });

/** `PATCH /api/collections/:id` `{ name?, description?, coverImageId? }`: `{ success, collection }`. */
export const PATCH: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api }) => {
    const patch = await readJsonBody(event.request, ZUpdateCollectionInput.omit({ id: true }));
    return { collection: await api.collections.update({ ...patch, id: event.params.id }) };
  });

/** `DELETE /api/collections/:id`: `{ success, id, imagesKept }`; the images stay in the library. */
export const DELETE: RequestHandler = (event) =>
  respondWithProcedure(event, ({ api }) => api.collections.delete({ id: event.params.id }));
