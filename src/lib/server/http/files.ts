import { readPublicFile } from '../services/public-files';
import { toErrorBody } from '../api/middlewares/error-mapping';
import { startServer } from '../app';

/** `GET /files/<key>`: immutable bytes (keys never change content), so browsers and CDNs may cache forever. */
export async function respondWithFile(key: string, ifNoneMatch: string | null): Promise<Response> {
  const deps = await startServer();
  try {
    const file = await readPublicFile(deps, key);
    const etag = `"${key.split('/').at(-1)}"`;
    const headers = {
      'content-type': file.mediaType,
      'cache-control': 'public, max-age=31536000, immutable',
      etag,
      'x-content-type-options': 'nosniff'
    };
    if (ifNoneMatch === etag) return new Response(null, { status: 304, headers });
    return new Response(file.bytes, { headers: { ...headers, 'content-length': String(file.bytes.byteLength) } });
  } catch (error) {
    const body = toErrorBody(error);
    return new Response(body.message, { status: body.code, headers: { 'content-type': 'text/plain' } });
  }
}
