import { AppError } from '../../../errors';
import type { Deps } from '../../../services/deps';
import type { Actor } from '../../../services/users';
import type { EnhanceOutput, TEnhanceInput } from './enhance.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TEnhanceInput };

// CORE STUB: services/prompts enhances with Claude or the local rules.
export function enhanceHandler(_: Options): Promise<EnhanceOutput> {
  return Promise.reject(new AppError('unsupported', 'Prompt enhancement is being built.'));
}
