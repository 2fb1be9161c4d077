import { AppError } from '../../errors';
import type { StabilityModel } from './models';

/** UNCONFIRMED: the prompt limit of the v2beta endpoints. */
export const MAX_PROMPT_LENGTH = 10_000;

export function findModel(models: readonly StabilityModel[], modelId: string): StabilityModel {
  const model = models.find((candidate) => candidate.id === modelId);
  if (!model) {
    throw new AppError(
      'unsupported',
      `Stability AI has no model "${modelId}" in Atelier. Available models: ${models.map((known) => known.id).join(', ')}.`
    );
  }
  return model;
}

export function assertPromptLength(what: string, text: string | undefined): void {
  if (text !== undefined && text.length > MAX_PROMPT_LENGTH) {
    throw new AppError(
      'validation',
      `The ${what} has ${text.length} characters; Stability takes at most ${MAX_PROMPT_LENGTH}.`
    );
  }
}

/** An enumerated value the model knows, else nothing (`unsupportedSettingWarnings` has said so). */
export function knownValue<T extends string>(allowed: readonly T[] | undefined, value: T | undefined): T | undefined {
  return value !== undefined && allowed?.includes(value) ? value : undefined;
}
