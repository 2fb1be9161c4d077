import { PARAMETERS_KEYWORD, parseGenerationParameters, type GenerationParameters } from '$lib/generation-parameters';
import { readPngText } from '$lib/png-text';

/** What "Recall settings" puts back into the prompt form. */
export type RecalledSettings = Pick<
  GenerationParameters,
  'prompt' | 'negativePrompt' | 'provider' | 'model' | 'size' | 'seed' | 'steps' | 'cfgScale'
>;

/**
 * The settings a PNG downloaded from Atelier carries (its `atelier` text chunk), or null for any other file:
 * another format, a PNG without them, or a corrupt one. The drop, paste and pick handlers call this.
 */
export async function readRecallableSettings(file: Blob): Promise<RecalledSettings | null> {
  if (file.type && file.type !== 'image/png') return null;
  try {
    const text = readPngText(new Uint8Array(await file.arrayBuffer()))[PARAMETERS_KEYWORD];
    return text === undefined ? null : parseGenerationParameters(text);
  } catch {
    return null;
  }
}
