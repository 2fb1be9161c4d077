import { respondWithFile } from '$lib/server/http/files';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request }) =>
  respondWithFile(params.key, request.headers.get('if-none-match'));
