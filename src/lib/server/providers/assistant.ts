/**
 * The contract of a language/vision model that enhances prompts and analyzes images (Claude today).
 * Separate from `ImageProviderV1`: it makes text, not images, and is billed by tokens.
 * Adapters throw `AppError`s (`content_policy` for refusals, `rate_limited` with `retryAfterMs`,
 * `provider_unavailable`, `provider_error`) like image providers do.
 */
import type { ImageAnalysis } from '../db/schema';

/** What the target image model can take, so the enhancer writes a prompt that fits it. */
export type PromptTarget = {
  provider: string;
  model: string;
  label: string;
  maxPromptLength: number;
  negativePrompt: boolean;
  /** Whether the model renders legible text (lettering, signs). */
  textRendering: boolean;
  description: string;
};

export type EnhanceRequest = {
  prompt: string;
  negativePrompt?: string;
  target: PromptTarget;
};

export type EnhanceResult = {
  enhancedPrompt: string;
  /** 2–4 alternative directions. */
  suggestions: string[];
  tags: string[];
  /** Only for targets that take a negative prompt, and only where useful. */
  negativePrompt: string | null;
};

/** Image bytes already checked and downscaled for the assistant (≤ 1568 px long edge, ≤ 5 MB). */
export type AnalyzeRequest = { bytes: Buffer; mediaType: 'image/png' | 'image/jpeg' | 'image/webp' };

export type AnalysisResult = Omit<ImageAnalysis, 'source' | 'model' | 'analyzedAt' | 'metrics'>;

export type TokenUsage = { inputTokens: number; outputTokens: number };

export type AssistantAnswer<Result> = { result: Result; model: string; usage: TokenUsage; costUsd: number };

export type AssistantCallOptions = { signal?: AbortSignal };

export interface AssistantProvider {
  readonly id: 'claude';
  /** The models in use after the start-up check (the configured ones, or their replacements). */
  models(): { enhance: string; analyze: string };
  /** The most a call can cost (input estimate + max output tokens at the model's price), reserved before it. */
  estimateUsd(operation: 'enhance' | 'analyze', input: { promptLength?: number; imagePixels?: number }): number;
  enhancePrompt(request: EnhanceRequest, options?: AssistantCallOptions): Promise<AssistantAnswer<EnhanceResult>>;
  analyzeImage(request: AnalyzeRequest, options?: AssistantCallOptions): Promise<AssistantAnswer<AnalysisResult>>;
  /**
   * Reads the vendor's model list once at start: a configured model it lacks (retired) is replaced by the
   * newest listed model of its tier, with a warning; `models()` answers the replacements from then on.
   */
  checkModels(signal?: AbortSignal): Promise<void>;
}

/** `text` cut at the last word boundary within `limit` (never mid-word when a boundary exists), without trailing punctuation. */
export function fitPromptToLength(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit + 1);
  const boundary = cut.search(/\s\S*$/);
  return (boundary > 0 ? cut.slice(0, boundary) : text.slice(0, limit)).replace(/[\s,.;:]+$/, '');
}
