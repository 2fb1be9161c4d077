import { AppError } from '../../errors';
import type { CallWarning, Operation } from '../types';
import type { StabilityModel } from './models';

/** Seeds fit a Postgres `integer` column like the other providers' seeds (Stability itself takes up to 4294967294). */
export const MAX_SEED = 2 ** 31 - 1;

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

export function assertOperation(model: StabilityModel, operation: Operation): void {
  if (!model.operations.includes(operation)) {
    throw new AppError('unsupported', `${model.id} cannot ${operation}; it can ${model.operations.join(', ')}.`);
  }
}

export function assertCount(model: StabilityModel, count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > model.maxImagesPerCall) {
    throw new AppError('validation', `${model.id} makes 1 to ${model.maxImagesPerCall} images per call; got ${count}.`);
  }
}

export function assertSeed(seed: number | undefined): void {
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)) {
    throw new AppError('validation', `Seed must be a whole number from 0 to ${MAX_SEED}; got ${seed}.`);
  }
}

export function assertPromptLength(what: string, text: string | undefined): void {
  if (text !== undefined && text.length > MAX_PROMPT_LENGTH) {
    throw new AppError(
      'validation',
      `The ${what} has ${text.length} characters; Stability takes at most ${MAX_PROMPT_LENGTH}.`
    );
  }
}

/** A numeric knob brought into the model's range, with a warning when that changed it. */
export function fitToRange(
  model: StabilityModel,
  knob: 'steps' | 'cfgScale',
  value: number | undefined,
  warnings: CallWarning[]
): number | undefined {
  const range = knob === 'steps' ? model.stepsRange : model.cfgScaleRange;
  if (value === undefined || !range || !model.knobs.includes(knob)) return undefined;
  const bounded = Math.min(range.max, Math.max(range.min, value));
  const fitted = knob === 'steps' ? Math.round(bounded) : bounded;
  if (fitted !== value) {
    const name = knob === 'steps' ? 'steps' : 'guidance (cfg scale)';
    warnings.push({
      type: 'other',
      message: `${model.id} takes ${name} from ${range.min} to ${range.max}; ${fitted} was used instead of ${value}.`
    });
  }
  return fitted;
}

/** An enumerated value the model knows, else nothing (`unsupportedSettingWarnings` has said so). */
export function knownValue<T extends string>(allowed: readonly T[] | undefined, value: T | undefined): T | undefined {
  return value !== undefined && allowed?.includes(value) ? value : undefined;
}
