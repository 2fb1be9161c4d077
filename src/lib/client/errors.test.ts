import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { handleError } from './errors';

function serverError(message: string) {
  return TRPCClientError.from({
    error: {
      message,
      code: -32600,
      data: {
        code: 'BAD_REQUEST',
        httpStatus: 400,
        path: 'images.generate',
        error: { code: 400, kind: 'validation', message }
      }
    }
  });
}

describe(handleError.name, () => {
  it("should prefer the server's message over the fallback", () => {
    const error = serverError('Prompts are limited to 4000 characters; shorten it.');
    expect(handleError(error, 'Could not generate.')).toBe('Prompts are limited to 4000 characters; shorten it.');
  });

  it('should return null for an aborted call', () => {
    expect(handleError(new DOMException('The operation was aborted.', 'AbortError'), 'x')).toBeNull();
    expect(handleError(TRPCClientError.from(new DOMException('aborted', 'AbortError')), 'x')).toBeNull();
  });

  it('should use the fallback when the server never answered with its error shape', () => {
    expect(handleError(TRPCClientError.from(new TypeError('Failed to fetch')), 'Could not reach Atelier.')).toBe(
      'Could not reach Atelier.'
    );
    expect(handleError('boom', 'Could not reach Atelier.')).toBe('Could not reach Atelier.');
  });
});
