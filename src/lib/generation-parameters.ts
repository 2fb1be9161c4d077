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

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function required<T>(value: unknown, is: (value: unknown) => value is T): T {
  if (!is(value)) throw new TypeError('not generation parameters');
  return value;
}

const nullable = <T>(value: unknown, is: (value: unknown) => value is T): T | null =>
  value === null || value === undefined ? null : required(value, is);

/** The parameters in an `atelier` text chunk, or null when the text is not such an object. */
export function parseGenerationParameters(text: string): GenerationParameters | null {
  try {
    const record: unknown = JSON.parse(text);
    if (typeof record !== 'object' || record === null) return null;
    const fields = new Map<string, unknown>(Object.entries(record));
    const field = (name: string) => fields.get(name);
    if (field('version') !== 1) return null;
    return {
      version: 1,
      prompt: required(field('prompt'), isString),
      negativePrompt: nullable(field('negativePrompt'), isString),
      provider: required(field('provider'), isString),
      model: required(field('model'), isString),
      size: required(field('size'), isString),
      seed: nullable(field('seed'), isNumber),
      steps: nullable(field('steps'), isNumber),
      cfgScale: nullable(field('cfgScale'), isNumber),
      parentImageId: nullable(field('parentImageId'), isString),
      imageId: required(field('imageId'), isString)
    };
  } catch {
    return null;
  }
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
