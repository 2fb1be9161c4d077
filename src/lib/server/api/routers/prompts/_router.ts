import { assistantProcedure, router } from '../../trpc';
import { enhanceHandler } from './enhance.handler';
import { ZEnhanceInput, ZEnhanceOutput } from './enhance.schema';

export const promptsRouter = router({
  /** Claude rewrites the prompt for its target model; without ANTHROPIC_API_KEY the local rules do. */
  enhance: assistantProcedure.input(ZEnhanceInput).output(ZEnhanceOutput).mutation(enhanceHandler)
});
