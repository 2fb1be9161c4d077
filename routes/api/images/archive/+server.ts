import { respondWithArchive } from '$lib/server/http/archives';
import type { RequestHandler } from './$types';

/** `POST /api/images/archive` `{ ids }`: the originals of the caller's images as one zip download. */
export const POST: RequestHandler = (event) => respondWithArchive(event);
