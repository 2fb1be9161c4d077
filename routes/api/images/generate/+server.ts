import { ZGenerateInput } from '$lib/server/api';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/**
 * The seed's `{ success, images, count }` (plus `warnings`, and `cache`: whether an identical earlier request's
 * images were returned); each image answers the provider id sent.
 */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api, toSeedAnswer }) => {
    const input = await readJsonBody(event.request, ZGenerateInput);
    const outcome = await api.images.generate(input);
    return { ...toSeedAnswer(outcome, input.provider), cache: outcome.cache };
  });
