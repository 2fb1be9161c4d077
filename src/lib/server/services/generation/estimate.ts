import type { CallWarning, PriceRule } from '../../providers/types';
import { microsToUsd } from '../budgets';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { planGeneration } from './plan';
import type { GenerateRequest } from './request';

export type GenerationEstimate = {
  provider: string;
  model: string;
  size: string;
  count: number;
  /** Provider calls the request becomes (count split by the model's images per call). */
  calls: number;
  perImageUsd: number;
  estimatedUsd: number;
  price: { description: string; unit: PriceRule['unit'] };
  warnings: CallWarning[];
};

/** What a generation would cost and which warnings it would get, from the same plan `generate` runs. */
export function estimateGeneration(
  deps: Pick<Deps, 'providers'>,
  actor: Actor,
  request: GenerateRequest
): GenerationEstimate {
  const plan = planGeneration(deps, actor, request);
  return {
    provider: plan.provider.id,
    model: plan.model.id,
    size: plan.size,
    count: plan.count,
    calls: plan.calls.length,
    perImageUsd: plan.perImageUsd,
    estimatedUsd: microsToUsd(plan.estimateMicros),
    price: { description: plan.model.price.description, unit: plan.model.price.unit },
    warnings: plan.warnings
  };
}
