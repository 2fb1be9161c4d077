import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { AppError } from '../errors';
import { toErrorBody } from './middlewares/error-mapping';
import type { ApiContext } from './context';
import { refusalOf } from './middlewares/auth';
import { createCaller, type ApiCaller } from './root';
import { createEventContext, type HttpEvent } from './server-context';

/**
 * Answers a REST request with the procedure's result as JSON, or the DESIGN.md error shape with its HTTP
 * status; `RateLimit-*` headers on both, `Retry-After` on refusals that can be retried.
 */
export async function respondWithProcedure(
  event: HttpEvent,
  run: (api: ApiCaller) => Promise<unknown>
): Promise<Response> {
  const ctx = await createEventContext(event);
  const headers = ctx.responseHeaders;
  try {
    return json(await run(createCaller(ctx)), { headers });
  } catch (error) {
    const body = toErrorBody(error);
    if (body.retryAfterMs !== undefined) headers.set('retry-after', String(Math.ceil(body.retryAfterMs / 1000)));
    if (body.kind === 'unauthorized') headers.set('www-authenticate', 'Bearer');
    return json(body, { status: body.code, headers });
  }
}

/** The JSON body of a request checked against a procedure's input schema, or a validation error that says what is wrong. */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema
): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError('validation', 'The request body is not valid JSON; send a JSON object.');
  }
  return schema.parse(body);
}

/** The answer to a request that needed a signed-in caller and has none (401, 403 for a cross-site cookie, 429 with `Retry-After`). */
export function refusalResponse(ctx: ApiContext): Response {
  const body = refusalOf(ctx).toBody();
  const headers = new Headers(ctx.responseHeaders);
  headers.set('www-authenticate', 'Bearer');
  return json(body, { status: body.code, headers });
}
