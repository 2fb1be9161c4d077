import type { CallWarning, ModelCapabilities } from '../types';

/** The seed's provider id for DALL·E 3, kept so old clients and saved requests still work. */
export const DALLE3_ALIAS = 'dalle3';

/** DALL·E 3 qualities and the GPT image quality that comes closest. */
const QUALITY_TRANSLATIONS: Record<string, string> = { hd: 'high', standard: 'medium' };
const DALL_E_3_STYLES = ['vivid', 'natural'];

/**
 * The seed's `dalle3` settings for the model the alias now resolves to (OpenAI's default GPT image model).
 * Values the target knows pass unchanged; DALL·E 3 qualities become the nearest GPT image quality, and
 * DALL·E 3 styles, which GPT image models lack, are dropped — each change said in a warning.
 */
export function translateDalle3Settings(
  settings: { quality?: string; style?: string },
  targetModel: ModelCapabilities
): { quality?: string; style?: string; warnings: CallWarning[] } {
  const warnings: CallWarning[] = [];
  let quality = settings.quality;
  const translated = quality === undefined ? undefined : QUALITY_TRANSLATIONS[quality];
  if (quality !== undefined && translated && !targetModel.qualities?.includes(quality)) {
    warnings.push({
      type: 'other',
      message: `${DALLE3_ALIAS} quality "${quality}" was translated to "${translated}" for ${targetModel.id}.`
    });
    quality = translated;
  }
  let style = settings.style;
  if (style !== undefined && DALL_E_3_STYLES.includes(style) && !targetModel.styles?.includes(style)) {
    warnings.push({
      type: 'other',
      message: `${DALLE3_ALIAS} style "${style}" was dropped: ${targetModel.id} has no style setting (GPT image models have none).`
    });
    style = undefined;
  }
  return { ...(quality !== undefined && { quality }), ...(style !== undefined && { style }), warnings };
}
