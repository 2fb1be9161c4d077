import { respondNotBuiltYet } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** A seed path (shared/seed-api.md) kept answering JSON until its capability is built. */
export const POST: RequestHandler = (event) => respondNotBuiltYet(event, 'Making variations of an image');
