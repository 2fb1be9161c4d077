export { runOperation, type GenerateOutcome } from './pipeline';
export { cancelGeneration } from './cancel';
export { savedByCache } from './cache';
export { estimateOperation, type OperationEstimate } from './estimate';
export type { OperationControl, OperationProgress } from './progress';
export type { EditRequest, GenerateRequest, OperationRequest } from './request';
export { allowsModel, allowsProvider } from './policy';
export { MAX_PROMPT_LENGTH, MAX_SEED } from '../../providers/types';

import type { Deps } from '../deps';
import { checkPrompt } from '../safety';
import type { Actor } from '../users';
import { runOperation, type GenerateOutcome } from './pipeline';
import type { OperationControl } from './progress';
import type { GenerateRequest } from './request';

/** Text-to-image through the operation pipeline, once the prompt passed the safety checks. */
export async function generateImages(
  deps: Pick<Deps, 'db' | 'providers' | 'storage' | 'clock' | 'log' | 'config'>,
  actor: Actor,
  request: GenerateRequest,
  control?: OperationControl
): Promise<GenerateOutcome> {
  await checkPrompt(deps, actor, request.prompt, control?.signal);
  return runOperation(deps, actor, { ...request, operation: 'generate' }, control);
}
