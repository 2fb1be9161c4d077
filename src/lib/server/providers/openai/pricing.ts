import type { PriceRule } from '../types';

/** What a model made (or was asked to make), for its per-image price. */
export type PricedAs = { width: number; height: number; quality?: string };

/** USD per million tokens, for the cost reported after a call from the answer's `usage`. */
export type TokenPrices = { textInput: number; imageInput: number; imageOutput: number };

/** `usage` of an ImagesResponse (shared/providers/openai-images.md, "Response"). */
export type ImageUsage = {
  input_tokens: number;
  output_tokens: number;
  input_tokens_details?: { text_tokens?: number; image_tokens?: number } | null;
};

/** USD per image by quality, then by `WIDTHxHEIGHT`; sizes the table lacks are priced by area from 1024x1024. */
export type PerImageTable = Record<string, Record<string, number>>;

const SQUARE = '1024x1024';
const SQUARE_PIXELS = 1024 * 1024;

/**
 * A per-image price rule from a table. `unpricedQuality` is what the vendor does when no (or an unknown)
 * quality is sent: for GPT image models `auto`, estimated as the dearest quality so budgets never under-reserve.
 */
export function perImagePrice(
  table: PerImageTable,
  unpricedQuality: string,
  unit: PriceRule['unit'],
  description: string
): PriceRule {
  return {
    description,
    unit,
    perImageUsd: ({ width, height, quality }) => {
      const prices = table[quality ?? unpricedQuality] ?? table[unpricedQuality] ?? {};
      const listed = prices[`${width}x${height}`];
      if (listed !== undefined) return listed;
      return ((prices[SQUARE] ?? 0) * width * height) / SQUARE_PIXELS;
    }
  };
}

/**
 * What OpenAI bills for a call's tokens. Without a text/image split of the input every input token is
 * priced as an image token, and every output token as an image token (the few text output tokens of newer
 * models have no confirmed price): the dearer kind, so the figure never undercounts.
 */
function costFromUsage(prices: TokenPrices, usage: ImageUsage): number {
  const textInput = usage.input_tokens_details?.text_tokens ?? 0;
  const imageInput = usage.input_tokens - textInput;
  const usd = textInput * prices.textInput + imageInput * prices.imageInput + usage.output_tokens * prices.imageOutput;
  return usd / 1_000_000;
}

/**
 * The actual cost of a call: its token `usage` at the model's token prices when the answer reports usage
 * and the model has token prices, else the model's per-image rule for each image made, at the size and
 * quality it made them.
 */
export function actualCostUsd(
  model: { price: PriceRule; tokenPrices?: TokenPrices },
  answer: { usage?: ImageUsage; images: number; madeAs: PricedAs }
): number {
  if (answer.usage && model.tokenPrices) return costFromUsage(model.tokenPrices, answer.usage);
  return answer.images * model.price.perImageUsd(answer.madeAs);
}
