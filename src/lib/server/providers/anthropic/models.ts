import type { Vendor } from '../errors';

export const CLAUDE_VENDOR: Vendor = { providerId: 'claude', label: 'Claude' };

export const ANTHROPIC_API_URL = 'https://api.anthropic.com';

/** USD per million tokens. */
export type TokenPrice = { input: number; output: number };

/**
 * shared/providers/anthropic-vision.md "Pricing" (third-party copies of the pricing page; ANTHROPIC_PRICES
 * overrides any of them). Dated ids (`claude-haiku-4-5-20251001`) are priced as their alias.
 */
export const DEFAULT_PRICES: Record<string, TokenPrice> = {
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-opus-4-6': { input: 5, output: 25 },
  'claude-sonnet-5': { input: 2, output: 10 },
  'claude-sonnet-5-5': { input: 2, output: 10 }
};

export const TIERS = ['haiku', 'sonnet', 'opus'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * A model the table lacks costs what its tier's dearest listed model costs; a model of no known tier
 * what the dearest tier costs, so a budget is never under-reserved.
 */
const TIER_PRICES: Record<Tier, TokenPrice> = {
  haiku: { input: 1, output: 5 },
  sonnet: { input: 3, output: 15 },
  opus: { input: 5, output: 25 }
};

/** The model line an id names (`claude-sonnet-4-6` → sonnet), when the model list did not say. */
export function tierOf(model: string): Tier | undefined {
  return TIERS.find((tier) => model.split('-').includes(tier));
}

const withoutDate = (model: string) => model.replace(/-\d{8}$/, '');

export function priceOf(model: string, overrides: Record<string, TokenPrice>): TokenPrice {
  const table = { ...DEFAULT_PRICES, ...overrides };
  return table[model] ?? table[withoutDate(model)] ?? TIER_PRICES[tierOf(model) ?? 'opus'];
}

export function usdFor(price: TokenPrice, usage: { inputTokens: number; outputTokens: number }): number {
  return (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
}
