import { ZAnalyzeBody } from '$lib/server/http/image-operation-bodies';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/**
 * The seed's analyze (`imageUrl`, or `image` as in the editing inputs) as `images.analyze`: the analysis's
 * fields (description, tags, palette, …) at the top level as the seed answered, beside `imageId` and `costUsd`.
 */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api }) => {
    const { imageId, costUsd, analysis } = await api.images.analyze(await readJsonBody(event.request, ZAnalyzeBody));
    return { ...analysis, imageId, costUsd };
  });
