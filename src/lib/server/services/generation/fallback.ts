import { isAppError } from '../../errors';
import { isProviderError } from '../../providers/errors';
import type { CallWarning } from '../../providers/types';
import type { Deps } from '../deps';
import type { Actor } from '../users';
import type { OperationPlan } from './plan';
import { planGeneration } from './plan-generate';
import { allowsModel } from './policy';
import type { GenerateRequest } from './request';

/** The offline renderer draws no subjects, so it is never a silent substitute for a hosted model. */
const NEVER_A_FALLBACK = new Set(['local']);

/**
 * Whether another provider may take over: only when this one refused before doing anything it bills
 * for (429, quota, credentials, 5xx before acceptance). Content-policy refusals are about the prompt,
 * so another provider is not asked to draw it.
 */
export function allowsFallback(failure: unknown): boolean {
  return isProviderError(failure) && failure.beforePaidWork && failure.kind === 'provider_unavailable';
}

/**
 * The next configured provider the account may use whose default model can draw the request, at the
 * requested size when it has it and at its default size otherwise; with a warning saying what happened.
 */
export function planFallback(
  deps: Pick<Deps, 'providers'>,
  actor: Actor,
  request: GenerateRequest,
  failed: OperationPlan,
  failure: unknown
): { plan: OperationPlan; warning: CallWarning } | undefined {
  if (!allowsFallback(failure)) return undefined;
  for (const provider of deps.providers.list()) {
    if (provider.id === failed.provider.id || NEVER_A_FALLBACK.has(provider.id)) continue;
    if (!allowsModel(actor.policy, provider.id, provider.defaultModel)) continue;
    try {
      const resolved = deps.providers.resolve(provider.id);
      if (!resolved.model.operations.includes('generate')) continue;
      const size = resolved.model.sizes.includes(failed.size) ? failed.size : resolved.model.defaultSize;
      const plan = planGeneration(deps, actor, { ...request, size }, resolved);
      const reason = isAppError(failure) ? failure.message : 'it was unavailable';
      return {
        plan,
        warning: {
          type: 'other',
          message: `${failed.provider.id}/${failed.model.id} refused before doing paid work (${reason}); ${provider.id}/${plan.model.id} made this image at ${plan.size} instead.`
        }
      };
    } catch {
      continue;
    }
  }
  return undefined;
}
