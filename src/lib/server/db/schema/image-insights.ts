/**
 * What Atelier learned about an image: its analysis (Claude vision or local pixel statistics) and its
 * safety check (the local NSFW classifier). Stored as jsonb on `generated_images`; the API's zod
 * schemas (`routers/images/analyze.schema.ts`) describe the same shapes for callers.
 */

export const ANALYSIS_SOURCES = ['claude', 'local'] as const;
export type AnalysisSource = (typeof ANALYSIS_SOURCES)[number];

export type PaletteColour = { hex: string; share: number; name: string | null };

/** Measured from the pixels by the local analyzer (Claude answers leave it null). 0–1 scales. */
export type PixelMetrics = {
  width: number;
  height: number;
  /** Reduced ratio such as `16:9`, or the decimal ratio rounded to two places when it does not reduce. */
  aspectRatio: string;
  brightness: number;
  contrast: number;
  /** Higher is sharper; a blurred copy scores lower than its source. */
  sharpness: number;
  /** Probability the image is sexual content when the classifier ran, else null. */
  nsfwScore: number | null;
};

export type ImageAnalysis = {
  source: AnalysisSource;
  /** The Claude model that answered; null for the local analyzer. */
  model: string | null;
  analyzedAt: string;
  description: string;
  subjects: string[];
  style: string | null;
  palette: PaletteColour[];
  composition: string | null;
  qualityIssues: string[];
  /** A prompt that would make a similar image. */
  recreatePrompt: string | null;
  tags: string[];
  metrics: PixelMetrics | null;
};

/** The local NSFW classifier's verdict on a stored image. */
export type ImageSafety = {
  /** Probability of sexual content (nsfwjs Porn + Hentai, plus half of Sexy), 0–1. */
  nsfwScore: number;
  /** The classifier's raw class probabilities. */
  classes: Record<string, number>;
  /**
   * At or above the instance's threshold under the `blur` policy: the studio blurs it. Under `allow` only the
   * score is kept (never flagged); under `block` such an image is refused, not stored.
   */
  flagged: boolean;
  checkedAt: string;
};
