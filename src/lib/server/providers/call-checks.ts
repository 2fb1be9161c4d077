import { AppError } from '../errors';
import type { CallWarning, ModelCapabilities, Operation } from './types';

/** Seeds fit a Postgres `integer` column, whatever larger range a vendor takes. */
export const MAX_SEED = 2 ** 31 - 1;

/** Catalog fields of models whose numeric knobs have a range (Replicate and Stability models). */
export type KnobRanges = {
  stepsRange?: { min: number; max: number };
  cfgScaleRange?: { min: number; max: number };
};

export function assertOperation(model: ModelCapabilities, operation: Operation): void {
  if (!model.operations.includes(operation)) {
    throw new AppError(
      'unsupported',
      `${model.id} does not offer ${operation}; it offers ${model.operations.join(', ')}. Choose another model or operation.`
    );
  }
}

export function assertCount(model: ModelCapabilities, count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > model.maxImagesPerCall) {
    throw new AppError('validation', `${model.id} makes 1 to ${model.maxImagesPerCall} images per call; got ${count}.`);
  }
}

export function assertSeed(seed: number | undefined): void {
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)) {
    throw new AppError('validation', `Seed must be a whole number from 0 to ${MAX_SEED}; got ${seed}.`);
  }
}

export function assertSize(model: ModelCapabilities, width: number, height: number): void {
  if (!model.sizes.includes(`${width}x${height}`)) {
    throw new AppError(
      'validation',
      `${model.id} does not render ${width}x${height}. Choose one of: ${model.sizes.join(', ')}.`
    );
  }
}

/** A numeric knob the model honours, brought into its range (with a warning when that changed it). */
export function fitToRange(
  model: ModelCapabilities & KnobRanges,
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
