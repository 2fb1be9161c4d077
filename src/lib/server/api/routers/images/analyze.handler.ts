import { analyzeImage } from '../../../services/analysis';
import type { Deps } from '../../../services/deps';
import type { Actor } from '../../../services/users';
import type { AnalyzeOutput, TAnalyzeInput } from './analyze.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TAnalyzeInput; signal?: AbortSignal };

export function analyzeHandler({ ctx, input, signal }: Options): Promise<AnalyzeOutput> {
  return analyzeImage(ctx.deps, ctx.user, input.image, signal);
}
