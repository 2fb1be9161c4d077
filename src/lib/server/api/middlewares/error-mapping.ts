import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';
import { AppError, isAppError, type ErrorBody, type ErrorKind } from '../../errors';
import { BATCH_TOO_LARGE_MESSAGE, bodyTooLarge, isTrpcBatchTooLarge } from '../http-limits';

const TRPC_CODE: Record<ErrorKind, TRPC_ERROR_CODE_KEY> = {
  validation: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  rate_limited: 'TOO_MANY_REQUESTS',
  budget_exceeded: 'PAYMENT_REQUIRED',
  content_policy: 'UNPROCESSABLE_CONTENT',
  provider_unavailable: 'SERVICE_UNAVAILABLE',
  provider_error: 'BAD_GATEWAY',
  too_large: 'PAYLOAD_TOO_LARGE',
  unsupported: 'UNPROCESSABLE_CONTENT',
  internal: 'INTERNAL_SERVER_ERROR'
};

const KIND_OF_TRPC_CODE: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorKind>> = {
  PARSE_ERROR: 'validation',
  BAD_REQUEST: 'validation',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not_found',
  METHOD_NOT_SUPPORTED: 'validation',
  TOO_MANY_REQUESTS: 'rate_limited',
  PAYLOAD_TOO_LARGE: 'too_large'
};

export const NOT_JSON_MESSAGE = 'The request body is not valid JSON; send a JSON object.';

/** "prompt: Too big: expected string to have <=4000 characters; count: …" */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Any error from any layer, as the one error shape of DESIGN.md. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError)
    return new AppError('validation', `Invalid input: ${describeZodError(error).replace(/\.?$/, '.')}`);
  const tooLarge = bodyTooLarge(error);
  if (tooLarge) return tooLarge;
  if (error instanceof TRPCError) {
    if (error.cause && (isAppError(error.cause) || error.cause instanceof ZodError)) return toAppError(error.cause);
    // tRPC reports a body JSON.parse refused as BAD_REQUEST with the parser's message as its own.
    if (error.code === 'PARSE_ERROR' || error.cause instanceof SyntaxError) {
      return new AppError('validation', NOT_JSON_MESSAGE);
    }
    if (error.code === 'UNSUPPORTED_MEDIA_TYPE') {
      return new AppError('validation', `${error.message}; send tRPC calls with content-type: application/json.`);
    }
    if (isTrpcBatchTooLarge(error.message)) return new AppError('validation', BATCH_TOO_LARGE_MESSAGE);
    const kind = KIND_OF_TRPC_CODE[error.code];
    if (kind) return new AppError(kind, error.message);
  }
  return new AppError(
    'internal',
    'Something went wrong on our side; try again. If it persists, check the server log.',
    {
      cause: error
    }
  );
}

export function toErrorBody(error: unknown): ErrorBody {
  return toAppError(error).toBody();
}

/** An AppError as the TRPCError whose code gives the right HTTP status; the AppError stays the cause. */
export function toTrpcError(error: unknown): TRPCError {
  const appError = toAppError(error);
  return new TRPCError({ code: TRPC_CODE[appError.kind], message: appError.message, cause: appError });
}
