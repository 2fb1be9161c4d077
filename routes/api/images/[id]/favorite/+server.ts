import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** `POST /api/images/:id/favorite` stars the image; doing it again changes nothing. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, ({ api }) => api.images.favorite({ ids: [event.params.id], favorite: true }));

/** `DELETE /api/images/:id/favorite` unstars it. */
export const DELETE: RequestHandler = (event) =>
  respondWithProcedure(event, ({ api }) => api.images.favorite({ ids: [event.params.id], favorite: false }));
