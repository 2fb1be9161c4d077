import { AppError } from '../../../errors';
import type { Deps } from '../../../services/deps';
import type { Actor } from '../../../services/users';
import type { AnalyzeOutput, TAnalyzeInput } from './analyze.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TAnalyzeInput };

// CORE STUB: services/analysis analyzes with Claude vision or the local pixel statistics.
export function analyzeHandler(_: Options): Promise<AnalyzeOutput> {
  return Promise.reject(new AppError('unsupported', 'Image analysis is being built.'));
}
