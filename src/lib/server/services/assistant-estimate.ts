import type { AssistantProvider } from '../providers/assistant';
import type { Deps } from './deps';
import type { OperationEstimate } from './generation';

/** The largest image an analysis sends Claude (its recommended long edge, squared): the most one can cost. */
const LARGEST_ANALYZED_PIXELS = 1568 * 1568;

type AssistantOperation = Parameters<AssistantProvider['estimateUsd']>[0];

const LOCAL_WORK: Record<AssistantOperation, { model: string; description: string }> = {
  enhance: { model: 'rules', description: 'free: the built-in rule-based enhancer (no Anthropic key set)' },
  analyze: { model: 'pixel-statistics', description: 'free: measured from the pixels here (no Anthropic key set)' }
};

/**
 * What a prompt enhancement or an image analysis would reserve, in the shape `images.estimate` answers for
 * images (one call, no size): Claude's most by its token prices, or nothing for the local fallbacks.
 */
export function estimateAssistantOperation(
  deps: Pick<Deps, 'assistant'>,
  operation: AssistantOperation,
  input: { promptLength?: number }
): OperationEstimate {
  const { assistant } = deps;
  const usd = assistant
    ? assistant.estimateUsd(operation, operation === 'analyze' ? { imagePixels: LARGEST_ANALYZED_PIXELS } : input)
    : 0;
  return {
    provider: assistant ? assistant.id : 'local',
    model: assistant ? assistant.models()[operation] : LOCAL_WORK[operation].model,
    size: '',
    count: 1,
    calls: 1,
    perImageUsd: usd,
    estimatedUsd: usd,
    price: assistant
      ? { description: 'Billed by input and output tokens; the estimate is the most the call can cost.', unit: 'token' }
      : { description: LOCAL_WORK[operation].description, unit: 'free' },
    warnings: []
  };
}
