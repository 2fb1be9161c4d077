import { estimateAssistantOperation } from '../../../services/assistant-estimate';
import type { Deps } from '../../../services/deps';
import { estimateEdit } from '../../../services/editing';
import { estimateOperation } from '../../../services/generation';
import type { Actor } from '../../../services/users';
import { toEditOrder } from './edit.handler';
import type { TEstimateInput } from './edit.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TEstimateInput };

/**
 * Prices any operation from the plan it would run; an edit reads its images but stores nothing. An
 * enhancement or analysis is priced by the assistant that would answer (nothing for the local fallbacks).
 */
export function estimateHandler({ ctx, input }: Options) {
  const { deps, user } = ctx;
  switch (input.operation) {
    case undefined:
    case 'generate':
      return estimateOperation(deps, user, { ...input, operation: 'generate' });
    case 'edit':
      return estimateEdit(deps, user, toEditOrder.edit(input));
    case 'vary':
      return estimateEdit(deps, user, toEditOrder.vary(input));
    case 'upscale':
      return estimateEdit(deps, user, toEditOrder.upscale(input));
    case 'restyle':
      return estimateEdit(deps, user, toEditOrder.restyle(input));
    case 'removeBackground':
      return estimateEdit(deps, user, toEditOrder.removeBackground(input));
    case 'enhance':
      return estimateAssistantOperation(deps, 'enhance', { promptLength: input.prompt.length });
    case 'analyze':
      return estimateAssistantOperation(deps, 'analyze', {});
  }
}
