/**
 * How an image was made, as PNG downloads carry it (JSON under the text keyword `atelier`, beside an
 * A1111-style `parameters` text other tools read) and as the studio recalls it. Shared by server and browser.
 */
export const PARAMETERS_KEYWORD = 'atelier';

/** The A1111 / ComfyUI convention other image tools read. */
export const A1111_KEYWORD = 'parameters';

export type GenerationParameters = {
  /** Format version of this object. */
  version: 1;
  prompt: string;
  negativePrompt: string | null;
  provider: string;
  model: string;
  /** As requested, e.g. `1024x1024`. */
  size: string;
  seed: number | null;
  steps: number | null;
  cfgScale: number | null;
  /** The image this one was made from (edits, variations, upscales). */
  parentImageId: string | null;
  imageId: string;
};

const orNull = <T>(value: unknown, is: (value: unknown) => value is T): T | null | undefined =>
  value === null || value === undefined ? null : is(value) ? value : undefined;
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The parameters in an `atelier` text chunk, or null when the text is not such an object. */
export function parseGenerationParameters(text: string): GenerationParameters | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const { prompt, provider, model, size, imageId } = record;
  if (record.version !== 1 || ![prompt, provider, model, size, imageId].every(isString)) return null;
  const negativePrompt = orNull(record.negativePrompt, isString);
  const seed = orNull(record.seed, isNumber);
  const steps = orNull(record.steps, isNumber);
  const cfgScale = orNull(record.cfgScale, isNumber);
  const parentImageId = orNull(record.parentImageId, isString);
  if ([negativePrompt, seed, steps, cfgScale, parentImageId].includes(undefined)) return null;
  return {
    version: 1,
    prompt: prompt as string,
    negativePrompt: negativePrompt!,
    provider: provider as string,
    model: model as string,
    size: size as string,
    seed: seed!,
    steps: steps!,
    cfgScale: cfgScale!,
    parentImageId: parentImageId!,
    imageId: imageId as string
  };
}

/** The A1111 `parameters` text: the prompt, `Negative prompt: …`, then `Key: value` pairs on one line. */
export function toA1111Text(parameters: GenerationParameters): string {
  const pairs: [string, string | number | null][] = [
    ['Steps', parameters.steps],
    ['CFG scale', parameters.cfgScale],
    ['Seed', parameters.seed],
    ['Size', parameters.size],
    ['Model', parameters.model],
    ['Provider', parameters.provider],
    ['Parent', parameters.parentImageId]
  ];
  return [
    parameters.prompt,
    ...(parameters.negativePrompt ? [`Negative prompt: ${parameters.negativePrompt}`] : []),
    pairs
      .filter(([, value]) => value !== null)
      .map(([key, value]) => `${key}: ${value}`)
      .join(', ')
  ].join('\n');
}
