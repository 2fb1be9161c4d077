/**
 * The provider contract (DESIGN.md "Provider model"), versioned like vercel/ai's image-model spec:
 * a breaking change adds `ImageProviderV2` beside this one.
 */

/** What a model can be asked to do. */
export type Operation = 'generate' | 'inpaint' | 'outpaint' | 'variation' | 'upscale' | 'style';

/** Optional request settings a model may or may not honour. */
export type Knob = 'negativePrompt' | 'seed' | 'steps' | 'cfgScale' | 'quality' | 'style';

export type PriceRule = {
  /** Human-readable rule, shown in the UI and `providers.list`. */
  description: string;
  /** USD for one image of this size and quality. */
  perImageUsd: (image: { width: number; height: number; quality?: string }) => number;
};

export type ModelCapabilities = {
  /** Model id as the vendor spells it. */
  id: string;
  label: string;
  /** One sentence a person or an agent can choose by; says honestly what the model is. */
  description: string;
  operations: Operation[];
  /** Sizes the model renders, as `WIDTHxHEIGHT`. */
  sizes: string[];
  defaultSize: string;
  maxImagesPerCall: number;
  knobs: Knob[];
  /** Allowed values for enumerated knobs. */
  qualities?: string[];
  styles?: string[];
  price: PriceRule;
  lifecycle: { status: 'active' } | { status: 'deprecated' | 'shut_down'; shutdownDate: string; replacement?: string };
};

/** A setting the model could not honour: recorded on the row and returned, never silently dropped. */
export type CallWarning = { type: 'unsupported'; setting: Knob; details?: string } | { type: 'other'; message: string };

export type GenerateCall = {
  model: string;
  prompt: string;
  negativePrompt?: string;
  width: number;
  height: number;
  /** At most the model's `maxImagesPerCall`; the service splits larger counts. */
  count: number;
  seed?: number;
  steps?: number;
  cfgScale?: number;
  quality?: string;
  style?: string;
  signal?: AbortSignal;
};

export type ProducedImage = {
  bytes: Uint8Array;
  mediaType: 'image/png' | 'image/jpeg' | 'image/webp';
  /** The seed actually used, when the provider reports or chooses one. */
  seed?: number;
  revisedPrompt?: string;
};

export type GenerateResult = {
  images: ProducedImage[];
  warnings: CallWarning[];
  /** Actual cost of this call, from the provider's own pricing rule. */
  costUsd: number;
  /** Anything vendor-specific worth keeping on the row's `metadata`. */
  providerMetadata?: Record<string, unknown>;
};

export interface ImageProviderV1 {
  readonly specificationVersion: 'v1';
  /** Stable id used in requests and stored on rows (`local`, `openai`, …). */
  readonly id: string;
  readonly label: string;
  /** What kind of engine this is, said plainly (e.g. "procedural offline renderer, not a diffusion model"). */
  readonly kind: string;
  readonly models: readonly ModelCapabilities[];
  readonly defaultModel: string;
  generate(call: GenerateCall): Promise<GenerateResult>;
}
