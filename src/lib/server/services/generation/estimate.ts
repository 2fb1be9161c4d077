import type { CallWarning, PriceRule } from '../../providers/types';
import { microsToUsd } from '../budgets';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import { planOperation } from './plan';
import type { OperationRequest } from './request';

export type OperationEstimate = {
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

/** What an operation would cost and which warnings it would get, from the same plan the operation runs. */
export function estimateOperation(
  deps: Pick<Deps, 'providers'>,
  actor: Actor,
  request: OperationRequest
): OperationEstimate {
  const plan = planOperation(deps, actor, request);
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
