import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { toErrorBody } from './error-mapping';

/** The shape of adapter-node's refusal (a SvelteKitError), as it errors a request body's stream. */
class PayloadTooLarge extends Error {
  readonly status = 413;
}

describe(toErrorBody.name, () => {
  it('should answer a body over BODY_SIZE_LIMIT with too_large naming the limit', () => {
    const sut = toErrorBody(new PayloadTooLarge('Content-length of 614400 exceeds limit of 524288 bytes.'));

    expect(sut).toStrictEqual({
      code: 413,
      kind: 'too_large',
      message:
        'The request body is larger than this server accepts (524288 bytes, BODY_SIZE_LIMIT); send a smaller body.'
    });
  });

  it('should find the refusal as the cause of the error tRPC wraps a body read in', () => {
    const cause = new PayloadTooLarge('request body size exceeded BODY_SIZE_LIMIT of 524288');

    expect(toErrorBody(new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause })).kind).toBe('too_large');
  });

  it('should say a body tRPC could not parse is not JSON', () => {
    const cause = new SyntaxError('Unexpected end of JSON input');

    expect(toErrorBody(new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause }))).toStrictEqual({
      code: 400,
      kind: 'validation',
      message: 'The request body is not valid JSON; send a JSON object.'
    });
  });

  it('should answer a missing content-type as validation, not internal', () => {
    const sut = toErrorBody(new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Missing content-type header' }));

    expect(sut).toStrictEqual({
      code: 400,
      kind: 'validation',
      message: 'Missing content-type header; send tRPC calls with content-type: application/json.'
    });
  });

  it("should explain tRPC's refusal of a batch above the cap", () => {
    const sut = toErrorBody(new TRPCError({ code: 'BAD_REQUEST', message: 'Batch call exceeds maximum size' }));

    expect(sut).toStrictEqual({
      code: 400,
      kind: 'validation',
      message: 'A tRPC batch may hold at most 10 calls; send the rest in another request.'
    });
  });
});
