import type { CallWarning, GenerateCall, Knob, ModelCapabilities } from './types';

/** The knob settings of a generate or edit call (edits have no steps, cfg scale or background). */
export type KnobSettings = Partial<Pick<GenerateCall, Knob>>;

const KNOB_VALUES: Record<Knob, (call: KnobSettings) => unknown> = {
  negativePrompt: (call) => call.negativePrompt,
  seed: (call) => call.seed,
  steps: (call) => call.steps,
  cfgScale: (call) => call.cfgScale,
  quality: (call) => call.quality,
  style: (call) => call.style,
  outputFormat: (call) => call.outputFormat,
  background: (call) => call.background
};

function allowedValues(model: ModelCapabilities, knob: Knob): readonly string[] | undefined {
  if (knob === 'quality') return model.qualities;
  if (knob === 'style') return model.styles;
  if (knob === 'outputFormat') return model.outputFormats;
  if (knob === 'background') return model.backgrounds;
  return undefined;
}

/**
 * One `unsupported` warning per knob the request sets but the model does not honour, and per
 * enumerated value (quality, style) the model does not know. Every provider calls this, so no
 * adapter can drop a setting silently.
 */
export function unsupportedSettingWarnings(model: ModelCapabilities, call: KnobSettings): CallWarning[] {
  const warnings: CallWarning[] = [];
  for (const knob of Object.keys(KNOB_VALUES) as Knob[]) {
    const value = KNOB_VALUES[knob](call);
    if (value === undefined || value === null || value === '') continue;
    if (!model.knobs.includes(knob)) {
      warnings.push({ type: 'unsupported', setting: knob, details: `${model.id} ignores ${knob}.` });
      continue;
    }
    const allowed = allowedValues(model, knob);
    if (allowed && typeof value === 'string' && !allowed.includes(value)) {
      warnings.push({
        type: 'unsupported',
        setting: knob,
        details: `${model.id} has no ${knob} "${value}"; it knows ${allowed.join(', ')}. The default was used.`
      });
    }
  }
  return warnings;
}
