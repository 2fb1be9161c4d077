import type { OutputFormat } from '../../providers/types';

/** Text-to-image, as every door asks for it (the procedure's zod schema checked its fields). */
export type GenerateRequest = {
  prompt: string;
  provider?: string;
  model?: string;
  size?: string;
  quality?: string;
  style?: string;
  negativePrompt?: string;
  steps?: number;
  cfgScale?: number;
  /** First image's seed; image i gets seed + i. Without one the pipeline draws one, so every image can be re-made. */
  seed?: number;
  outputFormat?: OutputFormat;
  background?: string;
  count: number;
  /** Allows another configured provider when the chosen one refuses before doing paid work. */
  fallback?: boolean;
};

/**
 * Every operation the pipeline runs, told apart by `operation`. Edits, variations, upscales and restyles
 * join this union; each brings its own plan and shares every other step.
 */
export type OperationRequest = { operation: 'generate' } & GenerateRequest;
