import { ZEstimateInput } from '$lib/server/api';
import { readJsonBody, respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** The cost and warnings a request with this body would get (`operation`: generate by default, or an edit); makes nothing. */
export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api }) =>
    api.images.estimate(await readJsonBody(event.request, ZEstimateInput))
  );
