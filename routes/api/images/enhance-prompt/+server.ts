import { respondNotBuiltYet } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** A seed path (shared/seed-api.md) kept answering JSON until its capability is built. */
export const POST: RequestHandler = (event) => respondNotBuiltYet(event, 'Prompt enhancement');
