import { respondWithFile } from '$lib/server/http/files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => respondWithFile(event, event.params.key);
