import { readJsonBody, respondWithProcedure, ZGenerateInput } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) =>
  respondWithProcedure(async (api) => api.images.generate(await readJsonBody(request, ZGenerateInput)));
