import { AppError } from '../../errors';
import type { ModelCapabilities } from '../types';

/**
 * The model a call or request names. An unknown id is always the same `validation` error, whether the
 * registry or an adapter meets it, listing the models there are.
 */
export function findModel<M extends ModelCapabilities>(owner: string, models: readonly M[], modelId: string): M {
  const model = models.find((candidate) => candidate.id === modelId);
  if (!model) {
    throw new AppError(
      'validation',
      `${owner} has no model "${modelId}". Available models: ${models.map((known) => known.id).join(', ')}.`
    );
  }
  return model;
}
