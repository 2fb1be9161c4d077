import { MAX_SEED, type CallWarning, type GenerateCall, type ModelCapabilities } from '../types';
import { unsupportedSettingWarnings } from '../warnings';
import { DEFAULT_STYLE, isLocalStyle, type LocalStyle } from './look';
import type { RenderRequest } from './render';

/** An unknown style falls back to the default; `unsupportedSettingWarnings` reports it. */
function chooseStyle(style: string | undefined): LocalStyle {
  return style !== undefined && isLocalStyle(style) ? style : DEFAULT_STYLE;
}

/**
 * Turns a call into one render per image. Without a seed a random one is drawn (and reported back), so every
 * image can be reproduced; image i of a call uses seed + i.
 */
export function planRenders(
  call: GenerateCall,
  model: ModelCapabilities,
  randomSeed: () => number
): { renders: RenderRequest[]; warnings: CallWarning[] } {
  const style = chooseStyle(call.style);
  const firstSeed = call.seed ?? randomSeed();
  const renders = Array.from({ length: call.count }, (_, index) => ({
    prompt: call.prompt,
    seed: (firstSeed + index) % (MAX_SEED + 1),
    width: call.width,
    height: call.height,
    style
  }));
  return { renders, warnings: unsupportedSettingWarnings(model, call) };
}
