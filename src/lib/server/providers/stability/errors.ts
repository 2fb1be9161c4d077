import { z } from 'zod';
import { ProviderError, providerErrorFromStatus } from '../errors';
import { readRefusal } from '../kit/answers';
import { retryAfterMs } from '../kit/retries';
import { STABILITY_VENDOR } from './models';

/**
 * Stability's error body: v2beta `{id, name, errors[]}`, v1 `{id, name, message}` (shared/providers/stability.md,
 * "Errors"; UNCONFIRMED, so every field is optional).
 */
const ZErrorBody = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  errors: z.array(z.string()).optional(),
  message: z.string().optional()
});

/**
 * Above 150 requests in 10 s Stability answers 429 and refuses the client for 60 s; without a Retry-After
 * header that is the wait to expect, so a short backoff would only prolong the ban.
 */
export const RATE_LIMIT_PENALTY_MS = 60_000;

function rateLimitPenaltyMs(status: number): number | undefined {
  return status === 429 ? RATE_LIMIT_PENALTY_MS : undefined;
}

/**
 * The wait `fetchWithRetries` should assume when no header names one. It hands us a clone of the answer
 * and then cancels the original's body, which only completes once this half of the tee is read to the end.
 */
export async function hintedDelayMs(clone: Response): Promise<number | undefined> {
  await clone.arrayBuffer().catch(() => undefined);
  return rateLimitPenaltyMs(clone.status);
}

/**
 * A refusal Stability billed anyway: `finish_reason: CONTENT_FILTERED` means the image was made and charged,
 * then blurred by the safety filter. It carries what was charged so the caller can count it.
 */
export class ChargedRefusalError extends ProviderError {
  readonly credits: number;

  constructor(message: string, charged: { credits: number; costUsd: number; vendorRequestId?: string }) {
    super('content_policy', message, {
      providerId: STABILITY_VENDOR.providerId,
      beforePaidWork: false,
      reason: 'CONTENT_FILTERED',
      vendorRequestId: charged.vendorRequestId,
      costUsd: charged.costUsd
    });
    this.name = 'ChargedRefusalError';
    this.credits = charged.credits;
  }
}

/** A non-2xx answer as Atelier's error: 403 is Stability's content moderation (not charged), the rest by status. */
export async function refusalError(response: Response): Promise<ProviderError> {
  const { body, reason } = await readRefusal(
    response,
    ZErrorBody,
    (error) => (error.errors?.length ? error.errors.join('; ') : undefined) ?? error.message ?? error.name
  );
  const vendorRequestId = body?.id;
  if (response.status === 403) {
    return new ProviderError(
      'content_policy',
      `${STABILITY_VENDOR.label}'s content moderation refused this request${reason ? ` ("${reason}")` : ''}; nothing was charged. Rephrase the prompt or use other images.`,
      { providerId: STABILITY_VENDOR.providerId, beforePaidWork: true, status: 403, reason, vendorRequestId }
    );
  }
  return providerErrorFromStatus(STABILITY_VENDOR, response.status, {
    reason,
    vendorRequestId,
    retryAfterMs: retryAfterMs(response.headers) ?? rateLimitPenaltyMs(response.status)
  });
}

/** An afterAcceptance message for a job Stability no longer knows (it keeps results for 24 hours). */
export function expiredJobMessage(jobId: string) {
  return (error: ProviderError) =>
    error.status === 404
      ? `${STABILITY_VENDOR.label} no longer knows job ${jobId} (it keeps results for 24 hours); start the upscale again.`
      : error.message;
}
