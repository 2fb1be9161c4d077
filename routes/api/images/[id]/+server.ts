import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** `DELETE /api/images/:id` moves the image to the trash (restorable until `purgeAfter`); again, it changes nothing. */
export const DELETE: RequestHandler = (event) =>
  respondWithProcedure(event, ({ api }) => api.images.delete({ ids: [event.params.id] }));
