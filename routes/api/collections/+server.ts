import { ZCreateCollectionInput } from '$lib/server/api';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** `GET /api/collections`: `{ success, collections }`, most recently changed first. */
export const GET: RequestHandler = (event) => respondWithProcedure(event, ({ api }) => api.collections.list());

/** `POST /api/collections` `{ name, description?, imageIds? }`: `{ success, collection }`. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api }) => ({
    collection: await api.collections.create(await readJsonBody(event.request, ZCreateCollectionInput))
  }));
