import { respondWithProcedure } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
  respondWithProcedure(async (api) => ({ providers: await api.providers.list() }));
