import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import type { ErrorBody } from '../errors';
import type { ApiContext } from './context';
import { requireActor, requireInteractive, requireScope } from './middlewares/auth';
import { toAppError, toTrpcError } from './middlewares/error-mapping';
import { enforceRateLimit } from './middlewares/rate-limit';
import { ZImageCount } from './schemas/count';

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

/** Any signed-in caller (session, API key, stdio); counts against the caller's requests-per-minute tier. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = requireActor(ctx);
  await enforceRateLimit(ctx, user, 'requests');
  return next({ ctx: { ...ctx, user } });
});

export const readProcedure = authedProcedure.use(({ ctx, next }) => {
  requireScope(ctx.user, 'read');
  return next();
});

/**
 * Pricing a call: the `read` scope, or `generate`, since a caller that may make images may price what it is
 * about to make (MCP's image tools do, for the spending confirmation).
 */
export const estimateProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.user.scopes.includes('generate')) requireScope(ctx.user, 'read');
  return next();
});

/** Steering one's own generations (cancel): the `generate` scope, without using up a generation. */
export const generateScopeProcedure = authedProcedure.use(({ ctx, next }) => {
  requireScope(ctx.user, 'generate');
  return next();
});

/**
 * Work that makes images (and may cost money): the `generate` scope, and one unit of the images-per-minute
 * tier per image asked for, refused before any work. The procedure's own input adds to `{ count }`.
 */
export const generateProcedure = generateScopeProcedure
  .input(z.object({ count: ZImageCount }))
  .use(async ({ ctx, input, next }) => {
    await enforceRateLimit(ctx, ctx.user, 'generate', input.count);
    return next();
  });

/**
 * Prompt enhancement and image analysis: they may cost money (Claude), so the `generate` scope and one
 * unit of the images-per-minute limit, like making one image.
 */
export const assistantProcedure = generateScopeProcedure.use(async ({ ctx, next }) => {
  await enforceRateLimit(ctx, ctx.user, 'generate', 1);
  return next();
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  requireScope(ctx.user, 'admin');
  return next();
});

/** Account security (API keys): a person in the studio or the local OS, never another API key. */
export const interactiveProcedure = authedProcedure.use(({ ctx, next }) => {
  requireInteractive(ctx);
  return next();
});
