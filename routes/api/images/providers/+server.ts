import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
  respondWithProcedure(event, async ({ api }) => ({ providers: await api.providers.list() }));
