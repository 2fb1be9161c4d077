import { generateImages } from '../../../services/generation';
import type { Actor } from '../../../services/users';
import type { ApiContext } from '../../context';
import { enforceRateLimit } from '../../middlewares/rate-limit';
import type { TGenerateInput } from './generate.schema';

type GenerateContext = ApiContext & { user: Actor };
type Options = { ctx: GenerateContext; input: TGenerateInput; signal?: AbortSignal };

/** The caller's signal cancels the generation: a closed connection, an MCP cancel, an aborted fetch. */
export function generateHandler({ ctx, input, signal }: Options) {
  return generateImages(ctx.deps, ctx.user, input, { signal, admit: admitGeneration(ctx, input.count) });
}

/**
 * A request answered from the cache makes no image and costs nothing, so only one that will make images
 * uses up the images-per-minute limit (every request still counts in the requests-per-minute one).
 */
export function admitGeneration(ctx: GenerateContext, count: number): () => Promise<void> {
  return () => enforceRateLimit(ctx, ctx.user, 'generate', count);
}
