import { ZGenerateInput } from '$lib/server/api';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** The seed's `{ success, images, count }` (plus `warnings`); each image answers the provider id sent. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedImage }) => {
    const input = await readJsonBody(event.request, ZGenerateInput);
    const { images, warnings } = await api.images.generate(input);
    return { images: images.map((image) => toSeedImage(image, input.provider)), count: images.length, warnings };
  });
