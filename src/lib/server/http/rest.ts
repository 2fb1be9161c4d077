import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Config } from '../config';
import { AppError, type ErrorBody } from '../errors';
import { withAbsoluteUrls, type ImageDto } from '../services/image-dto';
import type { GenerateOutcome } from '../api';
import type { ApiContext } from '../api/context';
import { requestProtocol } from './client-request';
import { untilClientLeaves } from './client-signal';
import { bodyTooLarge } from '../api/http-limits';
import { refusalOf } from '../api/middlewares/auth';
import { NOT_JSON_MESSAGE, toErrorBody } from '../api/middlewares/error-mapping';
import { createCaller, type ApiCaller } from '../api/root';
import { createEventContext, type HttpEvent } from './context';

/** What a REST route works with: the procedures as the caller, and images in the seed's shape. */
export type RestCall = {
  api: ApiCaller;
  /**
   * The image as the seed answered it: absolute URLs (PUBLIC_URL, else the request's origin) and, when
   * the caller named a provider by an alias (`dalle3`), that id rather than the provider it stands for.
   */
  toSeedImage(image: ImageDto, requestedProvider?: string): ImageDto;
  /** A procedure's `{ images, warnings }` as the seed's generate answer: `{ images, count, warnings }`, each via `toSeedImage`. */
  toSeedAnswer(outcome: ImagesOutcome, requestedProvider?: string): ImagesOutcome & { count: number };
};

type ImagesOutcome = { images: ImageDto[]; warnings: GenerateOutcome['warnings'] };

/**
 * Answers a seed REST request (shared/seed-api.md): `{ success: true, ...result }`, or
 * `{ success: false, code, kind, message, retryAfterMs? }` with the HTTP status `code`; `RateLimit-*`
 * headers on both, `Retry-After` on refusals that can be retried. The caller's credentials are checked
 * before `run` reads any body, unless the route is `anonymous`. A client that disconnects aborts the
 * procedures `run` calls (their `signal`).
 */
export async function respondWithProcedure(
  event: HttpEvent,
  run: (call: RestCall) => Promise<object>,
  options: { anonymous?: boolean } = {}
): Promise<Response> {
  const ctx = await createEventContext(event);
  if (!options.anonymous && !ctx.user) return refusalResponse(ctx, { success: false });
  const headers = ctx.responseHeaders;
  try {
    const toSeedImage = seedImageMapper(ctx, event.request);
    const toSeedAnswer: RestCall['toSeedAnswer'] = ({ images, warnings }, requestedProvider) => ({
      images: images.map((image) => toSeedImage(image, requestedProvider)),
      count: images.length,
      warnings
    });
    const result = await untilClientLeaves(event, (signal) =>
      run({ api: createCaller(ctx, { signal }), toSeedImage, toSeedAnswer })
    );
    return json({ success: true, ...result }, { headers });
  } catch (error) {
    return seedErrorResponse(toErrorBody(error), headers);
  }
}

/** The JSON body of a request checked against a procedure's input schema, or an error that says what is wrong. */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema
): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch (error) {
    throw bodyTooLarge(error) ?? new AppError('validation', NOT_JSON_MESSAGE);
  }
  return schema.parse(body);
}

/** The answer to a request that needed a signed-in caller and has none (401, 403 for a cross-site cookie, 429 with `Retry-After`). */
export function refusalResponse(ctx: ApiContext, envelope: { success?: false } = {}): Response {
  const body = refusalOf(ctx).toBody();
  const headers = new Headers(ctx.responseHeaders);
  headers.set('www-authenticate', 'Bearer');
  return json({ ...envelope, ...body }, { status: body.code, headers });
}

/** A failure in the seed's envelope: `{ success: false, code, kind, message }` with its status and headers. */
export function seedErrorResponse(body: ErrorBody, headers: Headers): Response {
  if (body.retryAfterMs !== undefined) headers.set('retry-after', String(Math.ceil(body.retryAfterMs / 1000)));
  if (body.kind === 'unauthorized') headers.set('www-authenticate', 'Bearer');
  return json({ success: false, ...body }, { status: body.code, headers });
}

/** PUBLIC_URL, else the origin the request came to. */
function publicBaseUrl(config: Config, request: Request): string {
  if (config.auth.publicUrl) return config.auth.publicUrl;
  const url = new URL(request.url);
  url.protocol = requestProtocol(request, config);
  return url.origin;
}

function seedImageMapper(ctx: ApiContext, request: Request): RestCall['toSeedImage'] {
  const baseUrl = publicBaseUrl(ctx.deps.config, request);
  return (image, requestedProvider) => {
    const echoed =
      requestedProvider !== undefined && ctx.deps.providers.providerIdOf(requestedProvider) === image.provider;
    return { ...withAbsoluteUrls(image, baseUrl), ...(echoed && { provider: requestedProvider }) };
  };
}
