import { ZRestyleBody } from '$lib/server/http/image-operation-bodies';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** `images.restyle` (a named look or a style image); answers like generate. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedAnswer }) => {
    const input = await readJsonBody(event.request, ZRestyleBody);
    return toSeedAnswer(await api.images.restyle(input), input.provider);
  });
