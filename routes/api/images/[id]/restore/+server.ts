import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** `POST /api/images/:id/restore` takes the image out of the trash. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedImage }) => {
    const { images } = await api.images.restore({ ids: [event.params.id] });
    return { images: images.map((image) => toSeedImage(image)), count: images.length };
  });
