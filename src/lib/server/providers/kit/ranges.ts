import type { CallWarning, ModelCapabilities } from '../types';

/** Catalog fields of models whose numeric knobs have a range (Replicate and Stability models). */
export type KnobRanges = {
  stepsRange?: { min: number; max: number };
  cfgScaleRange?: { min: number; max: number };
};

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
