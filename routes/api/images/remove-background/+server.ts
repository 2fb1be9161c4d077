import { ZRemoveBackgroundBody } from '$lib/server/http/image-operation-bodies';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** `images.removeBackground`; answers like generate. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedAnswer }) => {
    const input = await readJsonBody(event.request, ZRemoveBackgroundBody);
    return toSeedAnswer(await api.images.removeBackground(input), input.provider);
  });
