import { ZGenerateInput } from '$lib/server/api';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** The cost and warnings a generate request with this body would get; generates nothing. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api }) =>
    api.images.estimate(await readJsonBody(event.request, ZGenerateInput))
  );
