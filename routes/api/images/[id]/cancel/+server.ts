import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** `POST /api/images/:id/cancel` stops the long vendor job the image waits for. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedImage }) => {
    const { images } = await api.images.cancel({ id: event.params.id });
    return { images: images.map((image) => toSeedImage(image)), count: images.length };
  });
