/**
 * The provider contract (DESIGN.md "Provider model"), versioned like vercel/ai's image-model spec:
 * a breaking change adds `ImageProviderV2` beside this one.
 */

/** What a model can be asked to do. */
export const OPERATIONS = [
  'generate',
  'inpaint',
  'outpaint',
  'variation',
  'upscale',
  'style',
  'searchReplace',
  'removeBackground'
] as const;
export type Operation = (typeof OPERATIONS)[number];

export type EditOperation = Exclude<Operation, 'generate'>;

/** Optional request settings a model may or may not honour. */
export const KNOBS = [
  'negativePrompt',
  'seed',
  'steps',
  'cfgScale',
  'quality',
  'style',
  'outputFormat',
  'background'
] as const;
export type Knob = (typeof KNOBS)[number];

export type OutputFormat = 'png' | 'jpeg' | 'webp';

/** Seeds fit a Postgres `integer` column, whatever larger range a vendor takes. */
export const MAX_SEED = 2 ** 31 - 1;

/** The longest prompt (and negative prompt) any door takes, whatever longer one a model reads. */
export const MAX_PROMPT_LENGTH = 4000;

export type PriceRule = {
  /** Human-readable rule, shown in the UI and `providers.list`. */
  description: string;
  /** What the vendor bills by; `second` means the estimate assumes a typical run time. */
  unit: 'free' | 'image' | 'token' | 'credit' | 'second';
  /** Estimated USD for one image of this size and quality (the budget reserves this before the call). */
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
  /** For models sized by aspect ratio: the ratio sent to the vendor for each entry of `sizes`. */
  aspectRatios?: Record<string, string>;
  defaultSize: string;
  maxImagesPerCall: number;
  /** The vendor stamps one seed on every image of a call: the pipeline then calls once per image. */
  oneSeedPerCall?: boolean;
  knobs: Knob[];
  /**
   * Longest prompt in characters the model reads; unset for a model that takes no prompt or whose server
   * decides (a self-hosted model). Prompt enhancement writes within it.
   */
  maxPromptLength?: number;
  /** Whether the model renders legible text (lettering, signs), so a prompt may ask for some. */
  textRendering: boolean;
  /** Allowed values for enumerated knobs. */
  qualities?: string[];
  styles?: string[];
  outputFormats?: OutputFormat[];
  backgrounds?: string[];
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
  outputFormat?: OutputFormat;
  background?: string;
  /**
   * The caller's signal. Its abort rejects the call with the signal's reason, unchanged (never as a vendor
   * failure), and cancels a running long job at the vendor where the vendor can cancel.
   */
  signal?: AbortSignal;
  /**
   * Called once when the vendor accepted a long job (a Replicate prediction, a Stability async result)
   * that did not finish in the first answer, so its id is kept on the rows before waiting.
   */
  onJobStarted?: (jobId: string) => Promise<void>;
};

/** One input image, already decoded and validated by `images/`. */
export type InputImage = { bytes: Uint8Array; mediaType: ProducedImage['mediaType']; width: number; height: number };

/**
 * An edit of an existing image. Masks follow one convention everywhere: a PNG of the image's size where
 * white marks the area to change and black the area to keep; adapters convert it to the vendor's form.
 */
export type EditCall = {
  operation: EditOperation;
  model: string;
  image: InputImage;
  /** More reference images, for models that take several (OpenAI GPT image edits: up to 16 in all). */
  extraImages?: InputImage[];
  mask?: InputImage;
  prompt?: string;
  negativePrompt?: string;
  /** `searchReplace`: what to find in the image. */
  searchPrompt?: string;
  /** `outpaint`: pixels to add on each side. */
  expand?: { left?: number; right?: number; up?: number; down?: number };
  /** `upscale`: factor, and the vendor's mode where it has several (Stability fast/conservative/creative). */
  scale?: 2 | 4;
  upscaleMode?: 'fast' | 'conservative' | 'creative';
  faceEnhance?: boolean;
  /** 0..1: how far the result may depart from the input (creativity / strength). */
  strength?: number;
  count: number;
  seed?: number;
  quality?: string;
  style?: string;
  outputFormat?: OutputFormat;
  signal?: AbortSignal;
  onJobStarted?: (jobId: string) => Promise<void>;
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
  /** Edits, variations and upscales; only for operations some model of the provider lists. */
  edit?(call: EditCall): Promise<GenerateResult>;
  /** Cancels a long job by the id `onJobStarted` reported. */
  cancelJob?(jobId: string): Promise<void>;
  /** Updates `models` from the vendor's own list (lifecycle dates, a self-hosted server's models). */
  refreshCatalog?(signal?: AbortSignal): Promise<void>;
  /** Whether the vendor answers, with a call that costs nothing (model list, balance, account). */
  checkReachable?(signal: AbortSignal): Promise<{ reachable: boolean; detail?: string }>;
}

/** How an adapter talks to its vendor; from config, the same shape for every hosted provider. */
export type ProviderCallSettings = {
  /** Per call, by operation; a long job (async upscale, slow prediction) gets `job`. */
  timeoutsMs: { generate: number; edit: number; job: number };
  /** Retries after 429/5xx answered before any paid work, honouring retry-after. */
  maxRetries: number;
  /** A retry-after longer than this is not waited for: the call fails with `retryAfterMs` instead. */
  maxRetryDelayMs: number;
};
