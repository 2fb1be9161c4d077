import { respondWithProcedure } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => respondWithProcedure((api) => api.system.health());
