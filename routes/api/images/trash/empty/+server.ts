import { respondWithProcedure } from '$lib/server/http/rest';
import type { RequestHandler } from './$types';

/** `POST /api/images/trash/empty` deletes every image in the caller's trash for good, with its files. */
export const POST: RequestHandler = (event) => respondWithProcedure(event, ({ api }) => api.images.emptyTrash());
