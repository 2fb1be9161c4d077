import { respondWithDownload } from '$lib/server/http/downloads';
import type { RequestHandler } from './$types';

/** `GET /api/images/:id/download?format=&quality=` saves the image under a readable name. */
export const GET: RequestHandler = (event) => respondWithDownload(event, event.params.id);
