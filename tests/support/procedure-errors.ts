import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { toErrorBody } from '../../src/lib/server/api/middlewares/error-mapping';

/** The error body (DESIGN.md's shape) of a procedure call that must fail with a tRPC error. */
export async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    return toErrorBody(error);
  }
  throw new Error('expected the call to fail');
}
