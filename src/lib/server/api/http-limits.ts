import { AppError } from '../errors';

/**
 * Procedure calls one tRPC HTTP request may batch. The studio sends a handful at once; more is a way to
 * make one request do unbounded work, so a larger batch is refused before any call runs.
 */
export const MAX_TRPC_BATCH_SIZE = 10;

/** The message @trpc/server 11 gives a batch above `maxBatchSize` (resolveResponse's JSON handler). */
const TRPC_BATCH_TOO_LARGE = 'Batch call exceeds maximum size';

export function isTrpcBatchTooLarge(message: string): boolean {
  return message === TRPC_BATCH_TOO_LARGE;
}

export const BATCH_TOO_LARGE_MESSAGE = `A tRPC batch may hold at most ${MAX_TRPC_BATCH_SIZE} calls; send the rest in another request.`;

/**
 * adapter-node refuses a body above BODY_SIZE_LIMIT (40M under `npm start`, scripts/body-size-limit.js) by
 * erroring the request's stream with a 413 SvelteKitError: at once when Content-Length says so, else once
 * that much was read.
 * It surfaces wherever the body is read (`request.json()`, `text()`), possibly as the cause of a
 * library's own error. That error, as `too_large`; undefined for any other error.
 */
export function bodyTooLarge(error: unknown): AppError | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++, current = current.cause) {
    if ('status' in current && current.status === 413) {
      const limit = /limit of (\d+)/i.exec(current.message)?.[1];
      return new AppError(
        'too_large',
        `The request body is larger than this server accepts (${limit ? `${limit} bytes, ` : ''}BODY_SIZE_LIMIT); send a smaller body.`,
        { cause: error }
      );
    }
  }
  return undefined;
}
