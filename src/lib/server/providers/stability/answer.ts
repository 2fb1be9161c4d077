import { z } from 'zod';
import { sniffMediaType } from '../download';
import { malformedAnswerError, ProviderError } from '../errors';
import type { CallWarning, ProducedImage } from '../types';
import { MAX_SEED } from '../call-checks';
import { ChargedRefusalError } from './errors';
import { formatUsd, STABILITY_LABEL, STABILITY_PROVIDER_ID, type StabilityModel } from './models';

const ZSeed = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** v2beta with `Accept: application/json` (shared/providers/stability.md, "Request conventions"). */
const ZImageAnswer = z.object({ image: z.string().min(1), finish_reason: z.string(), seed: ZSeed.optional() });
const ZJobAnswer = z.object({ id: z.string().min(1) });
/** v1 text-to-image (shared/providers/stability.md, "Legacy v1"). */
const ZArtifactsAnswer = z.object({
  artifacts: z.array(z.object({ base64: z.string().optional(), seed: ZSeed.optional(), finishReason: z.string() }))
});
const ZBalance = z.object({ credits: z.number() });

/** What one answer produced and what Stability charged for it. */
export type Outcome = { images: ProducedImage[]; warnings: CallWarning[]; credits: number };

export type AnswerContext = { model: StabilityModel; usdPerCredit: number; vendorRequestId?: string };

function malformed(what: string, cause?: unknown): ProviderError {
  return malformedAnswerError(STABILITY_PROVIDER_ID, STABILITY_LABEL, what, cause);
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw malformed(`${what} has an unexpected shape`, parsed.error);
  return parsed.data;
}

function decodeImage(base64: string, seed: number | undefined, warnings: CallWarning[]): ProducedImage {
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) throw malformed('the image is not a PNG, JPEG or WebP file');
  if (seed === undefined) return { bytes, mediaType };
  if (seed > MAX_SEED) {
    warnings.push({
      type: 'other',
      message: `Stability used seed ${seed}, above the largest seed Atelier stores (${MAX_SEED}); this image cannot be repeated by its seed.`
    });
    return { bytes, mediaType };
  }
  return { bytes, mediaType, seed };
}

function filteredError(context: AnswerContext, filtered: number, billed: number): ChargedRefusalError {
  const credits = context.model.credits * billed;
  const costUsd = credits * context.usdPerCredit;
  const images = filtered === 1 ? 'the image' : `${filtered} images`;
  return new ChargedRefusalError(
    `${STABILITY_LABEL}'s safety filter blurred ${images} (CONTENT_FILTERED), so nothing usable came back, but ${credits} credits (≈ ${formatUsd(costUsd)}) were still charged. Rephrase the prompt or use other images.`,
    { credits, costUsd, vendorRequestId: context.vendorRequestId }
  );
}

function unfinishedError(context: AnswerContext, reason: string): ProviderError {
  return new ProviderError('provider_error', `${STABILITY_LABEL} finished without an image (${reason}).`, {
    providerId: STABILITY_PROVIDER_ID,
    beforePaidWork: false,
    reason,
    vendorRequestId: context.vendorRequestId
  });
}

/** A v2beta image answer: `SUCCESS` gives the image, `CONTENT_FILTERED` was charged and is refused. */
export function imageOutcome(body: unknown, context: AnswerContext, warnings: CallWarning[]): Outcome {
  const answer = parse(ZImageAnswer, body, 'the image answer');
  if (answer.finish_reason === 'CONTENT_FILTERED') throw filteredError(context, 1, 1);
  if (answer.finish_reason !== 'SUCCESS') throw unfinishedError(context, answer.finish_reason);
  const outputWarnings = [...warnings];
  // Stability reports a seed even for endpoints that take none (upscales, background removal): not ours to keep.
  const seed = context.model.knobs.includes('seed') ? answer.seed : undefined;
  const image = decodeImage(answer.image, seed, outputWarnings);
  return { images: [image], warnings: outputWarnings, credits: context.model.credits };
}

/**
 * A v1 answer with one artifact per sample; every sample is billed, filtered or not. Some filtered samples
 * are a warning beside the good ones; all filtered is a charged refusal.
 */
export function artifactsOutcome(body: unknown, context: AnswerContext, warnings: CallWarning[]): Outcome {
  const { artifacts } = parse(ZArtifactsAnswer, body, 'the text-to-image answer');
  const outputWarnings = [...warnings];
  const images = artifacts.flatMap((artifact) =>
    artifact.finishReason === 'SUCCESS' && artifact.base64
      ? [decodeImage(artifact.base64, artifact.seed, outputWarnings)]
      : []
  );
  const filtered = artifacts.filter((artifact) => artifact.finishReason === 'CONTENT_FILTERED').length;
  if (artifacts.length === 0) throw malformed('the answer holds no artifacts');
  if (images.length === 0 && filtered > 0) throw filteredError(context, filtered, artifacts.length);
  if (images.length === 0)
    throw unfinishedError(context, artifacts.map((artifact) => artifact.finishReason).join(', '));
  const lost = artifacts.length - images.length;
  if (lost > 0) {
    outputWarnings.push({
      type: 'other',
      message: `${lost} of ${artifacts.length} images did not come back (${filtered} blurred by Stability's safety filter); all were charged.`
    });
  }
  return { images, warnings: outputWarnings, credits: context.model.credits * artifacts.length };
}

export function jobIdOf(body: unknown): string {
  return parse(ZJobAnswer, body, 'the new job').id;
}

export function creditsOf(body: unknown): number {
  return parse(ZBalance, body, 'the balance').credits;
}
