import { ZEnhanceInput } from '$lib/server/api';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/**
 * The seed's `{ prompt }` (also negativePrompt, provider, model) → `{ success, enhancedPrompt, suggestions, tags }`,
 * plus negativePrompt, source (claude | local), model, costUsd and target.
 */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api }) => api.prompts.enhance(await readJsonBody(event.request, ZEnhanceInput)));
