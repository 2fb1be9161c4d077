import { ZVariationsBody } from '$lib/server/http/image-operation-bodies';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** The seed's variations (`imageUrl`, `count`, `provider`) as `images.vary`; answers like generate. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedAnswer }) => {
    const input = await readJsonBody(event.request, ZVariationsBody);
    return toSeedAnswer(await api.images.vary(input), input.provider);
  });
