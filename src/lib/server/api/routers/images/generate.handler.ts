import type { Deps } from '../../../services/deps';
import { generateImages } from '../../../services/generation';
import type { Actor } from '../../../services/users';
import type { TGenerateInput } from './generate.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TGenerateInput; signal?: AbortSignal };

/** The caller's signal cancels the generation: a closed connection, an MCP cancel, an aborted fetch. */
export function generateHandler({ ctx, input, signal }: Options) {
  return generateImages(ctx.deps, ctx.user, input, { signal });
}
