import { readJsonBody, respondWithProcedure, ZGenerateInput } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
  respondWithProcedure(event, async (api) => api.images.generate(await readJsonBody(event.request, ZGenerateInput)));
