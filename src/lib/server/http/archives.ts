import { ZImageIdsInput } from '../api/routers/images/trash.schema';
import { bodyTooLarge } from '../api/http-limits';
import { toErrorBody } from '../api/middlewares/error-mapping';
import type { ApiContext } from '../api/context';
import { createCaller } from '../api/root';
import { AppError } from '../errors';
import { streamImageArchive } from '../services/archives';
import { createEventContext, type HttpEvent } from './context';
import { readJsonBody, refusalResponse, seedErrorResponse } from './rest';

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * `POST /api/images/archive` with `{ ids }` (JSON, or the form field `ids`, repeated or comma-separated,
 * which a studio form can post to save the file): the originals as one zip download. `images.archive`
 * checks the whole request first (every id the caller's, at most 500 ids and 1 GiB), so a refusal is the
 * usual JSON error and no zip byte is sent.
 */
export async function respondWithArchive(event: HttpEvent): Promise<Response> {
  return archiveResponse(await createEventContext(event), event.request);
}

/** The archive answer for a request whose caller `ctx` already identifies. */
export async function archiveResponse(ctx: ApiContext, request: Request): Promise<Response> {
  if (!ctx.user) return refusalResponse(ctx, { success: false });
  try {
    const input = await readArchiveBody(request);
    const archive = await createCaller(ctx).images.archive(input);
    return new Response(streamImageArchive(ctx.deps, ctx.user, archive), {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${archive.fileName}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff'
      }
    });
  } catch (error) {
    return seedErrorResponse(toErrorBody(error), ctx.responseHeaders);
  }
}

async function readArchiveBody(request: Request) {
  if (!FORM_TYPES.test(request.headers.get('content-type') ?? '')) return readJsonBody(request, ZImageIdsInput);
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    throw bodyTooLarge(error) ?? new AppError('validation', 'The form could not be read; send the image ids in "ids".');
  }
  const ids = form.getAll('ids').flatMap((value) => (typeof value === 'string' ? value.split(',') : []));
  return ZImageIdsInput.parse({ ids: ids.map((id) => id.trim()).filter(Boolean) });
}
