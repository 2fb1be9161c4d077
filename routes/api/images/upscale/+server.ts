import { ZUpscaleBody } from '$lib/server/http/image-operation-bodies';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** The seed's upscale (`imageUrl`, `scale`, `provider`) as `images.upscale`; answers like generate. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedAnswer }) => {
    const input = await readJsonBody(event.request, ZUpscaleBody);
    return toSeedAnswer(await api.images.upscale(input), input.provider);
  });
