import type { EditOperation, InputImage, OutputFormat } from '../../providers/types';

/** Text-to-image, as every door asks for it (the procedure's zod schema checked its fields). */
export type GenerateRequest = {
  prompt: string;
  provider?: string;
  model?: string;
  size?: string;
  /** "16:9": the model's size nearest that ratio, with a warning saying which; only without `size`. */
  aspectRatio?: string;
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
  /**
   * false: make new images even when an identical seeded request made some within the cache window (they
   * are still stored under the request's key, for later requests). Default: reuse them.
   */
  cache?: boolean;
};

/** The library image an edit starts from: its row and its decoded, validated pixels' description. */
export type SourceImage = { id: string; prompt: string; image: InputImage };

/** A mask already normalized by `image-inputs`: the image's size, white = change, black = keep. */
export type PreparedMask = InputImage;

/**
 * An edit of a library image (inpaint, outpaint, search-and-replace, variation, upscale, restyle, background
 * removal), with its inputs resolved and validated; every result is a new row whose parent is `source`.
 */
export type EditRequest = {
  operation: EditOperation;
  source: SourceImage;
  provider?: string;
  model?: string;
  prompt?: string;
  negativePrompt?: string;
  searchPrompt?: string;
  mask?: PreparedMask;
  expand?: { left: number; right: number; up: number; down: number };
  scale?: 2 | 4;
  strength?: number;
  faceEnhance?: boolean;
  /** `style`: the image whose colours and tone to take. */
  styleImage?: InputImage;
  /** `style`: a named look of the model (its `styles`). */
  look?: string;
  count: number;
  seed?: number;
  outputFormat?: OutputFormat;
};

/**
 * Every operation the pipeline runs, told apart by `operation`; each brings its own plan and shares every
 * other step.
 */
export type OperationRequest = ({ operation: 'generate' } & GenerateRequest) | EditRequest;
