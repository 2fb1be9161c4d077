import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** Without credentials (load balancers) only the status; signed-in callers also get the database and providers. */
export const GET: RequestHandler = (event) =>
  respondWithProcedure(event, ({ api }) => api.system.health(), { anonymous: true });
