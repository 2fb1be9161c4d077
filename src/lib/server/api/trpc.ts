import { initTRPC, TRPCError } from '@trpc/server';
import type { ErrorBody } from '../errors';
import type { ApiContext } from './context';
import { toAppError, toTrpcError } from './middlewares/error-mapping';

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const body: ErrorBody = toAppError(error).toBody();
    return {
      ...shape,
      message: body.message,
      data: { code: shape.data.code, httpStatus: body.code, path: shape.data.path, error: body }
    };
  }
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns every failure into the DESIGN.md error shape with the matching tRPC code (and so HTTP status). */
const errorMapping = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTrpcError(result.error);
    if (mapped.code === 'INTERNAL_SERVER_ERROR') {
      ctx.deps.log.error({ err: result.error, path, requestId: ctx.requestId }, 'procedure failed');
    }
    throw mapped;
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send an API key to use this.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});
