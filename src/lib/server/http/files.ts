import { readPublicFile } from '../services/public-files';
import { toErrorBody } from '../api/middlewares/error-mapping';
import { createEventContext, type HttpEvent } from './context';
import { startServer } from '../app';

/**
 * `GET /files/<key>`: immutable bytes (keys never change content), so browsers and CDNs may cache forever.
 * A hidden image's file answers only its owner's or an admin's session, and is never cached.
 */
export async function respondWithFile(event: HttpEvent, key: string): Promise<Response> {
  const deps = await startServer();
  try {
    const file = await readPublicFile(deps, key, async () => (await createEventContext(event)).user);
    const etag = `"${key.split('/').at(-1)}"`;
    const headers = {
      'content-type': file.mediaType,
      'cache-control': file.audience === 'public' ? 'public, max-age=31536000, immutable' : 'private, no-store',
      etag,
      'x-content-type-options': 'nosniff'
    };
    if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(file.bytes, { headers: { ...headers, 'content-length': String(file.bytes.byteLength) } });
  } catch (error) {
    const body = toErrorBody(error);
    return new Response(body.message, { status: body.code, headers: { 'content-type': 'text/plain' } });
  }
}
