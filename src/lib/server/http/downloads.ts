import { json } from '@sveltejs/kit';
import { toErrorBody } from '../api/middlewares/error-mapping';
import { createCaller } from '../api/root';
import { ZDownloadInput } from '../api/routers/images/download.schema';
import { createEventContext, type HttpEvent } from './context';
import { refusalResponse } from './rest';

/**
 * `GET /api/images/<id>/download?format=png|webp|jpeg|avif&quality=1-100`: the caller's image as a file
 * to save (`Content-Disposition: attachment` with a readable name). Errors are the usual JSON body.
 */
export async function respondWithDownload(event: HttpEvent, id: string): Promise<Response> {
  const ctx = await createEventContext(event);
  if (!ctx.user) return refusalResponse(ctx);
  const query = new URL(event.request.url).searchParams;
  const quality = query.get('quality');
  try {
    const input = ZDownloadInput.parse({
      id,
      format: query.get('format') ?? undefined,
      quality: quality === null ? undefined : Number(quality)
    });
    const download = await createCaller(ctx).images.download(input);
    const bytes = Buffer.from(download.base64, 'base64');
    return new Response(bytes, {
      headers: {
        'content-type': download.mediaType,
        'content-length': String(bytes.byteLength),
        'content-disposition': `attachment; filename="${download.fileName}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff'
      }
    });
  } catch (error) {
    const body = toErrorBody(error);
    return json(body, { status: body.code, headers: ctx.responseHeaders });
  }
}
