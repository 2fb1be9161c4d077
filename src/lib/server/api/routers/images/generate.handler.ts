import type { Deps } from '../../../services/deps';
import { generateImages } from '../../../services/generation';
import type { Actor } from '../../../services/users';
import type { TGenerateInput } from './generate.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TGenerateInput };

export function generateHandler({ ctx, input }: Options) {
  return generateImages(ctx.deps, ctx.user, input);
}
