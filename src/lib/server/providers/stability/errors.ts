import { z } from 'zod';
import { neverConnected } from '../connection';
import { ProviderError, providerErrorFromStatus, providerTimeoutError } from '../errors';
import { retryAfterMs } from '../http';
import { STABILITY_LABEL, STABILITY_PROVIDER_ID } from './models';

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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A refusal Stability billed anyway: `finish_reason: CONTENT_FILTERED` means the image was made and charged,
 * then blurred by the safety filter. It carries what was charged so the caller can count it.
 */
export class ChargedRefusalError extends ProviderError {
  readonly credits: number;

  constructor(message: string, charged: { credits: number; costUsd: number; vendorRequestId?: string }) {
    super('content_policy', message, {
      providerId: STABILITY_PROVIDER_ID,
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
  const text = await response.text().catch(() => '');
  const body = ZErrorBody.safeParse(parseJson(text)).data;
  const reason =
    (body?.errors?.length ? body.errors.join('; ') : undefined) ??
    body?.message ??
    body?.name ??
    (text.trim().slice(0, 300) || undefined);
  const vendorRequestId = body?.id;
  if (response.status === 403) {
    return new ProviderError(
      'content_policy',
      `${STABILITY_LABEL}'s content moderation refused this request${reason ? ` ("${reason}")` : ''}; nothing was charged. Rephrase the prompt or use other images.`,
      { providerId: STABILITY_PROVIDER_ID, beforePaidWork: true, status: 403, reason, vendorRequestId }
    );
  }
  return providerErrorFromStatus(STABILITY_PROVIDER_ID, STABILITY_LABEL, response.status, {
    reason,
    vendorRequestId,
    retryAfterMs: retryAfterMs(response.headers) ?? rateLimitPenaltyMs(response.status)
  });
}

/** The time limits of one request: its own timeout, and the caller's signal (a cancelled request). */
export type Deadline = { signal: AbortSignal; timeoutMs: number; timeout: AbortSignal; callSignal?: AbortSignal };

export function startDeadline(timeoutMs: number, callSignal?: AbortSignal): Deadline {
  const timeout = AbortSignal.timeout(timeoutMs);
  return { signal: callSignal ? AbortSignal.any([callSignal, timeout]) : timeout, timeoutMs, timeout, callSignal };
}

/**
 * What a failed exchange means for Atelier. The timeout wins over whatever fetch made of the abort; a caller's
 * own abort is passed on unchanged, so a cancelled request is not reported as a vendor failure.
 */
export function failureOf(error: unknown, deadline: Deadline): unknown {
  if (error instanceof ProviderError) return error;
  if (deadline.timeout.aborted) {
    return providerTimeoutError(STABILITY_PROVIDER_ID, STABILITY_LABEL, deadline.timeoutMs, error);
  }
  if (deadline.callSignal?.aborted) return deadline.callSignal.reason;
  return new ProviderError('provider_unavailable', `${STABILITY_LABEL} could not be reached; try again later.`, {
    providerId: STABILITY_PROVIDER_ID,
    beforePaidWork: neverConnected(error),
    cause: error
  });
}

/** Once Stability accepted a job, every failure may come after paid work. */
export function afterAcceptance(error: unknown, jobId: string): unknown {
  if (!(error instanceof ProviderError)) return error;
  const message =
    error.status === 404
      ? `${STABILITY_LABEL} no longer knows job ${jobId} (it keeps results for 24 hours); start the upscale again.`
      : error.message;
  return new ProviderError(error.kind, message, {
    providerId: error.providerId,
    beforePaidWork: false,
    status: error.status,
    reason: error.reason,
    vendorRequestId: jobId,
    retryAfterMs: error.retryAfterMs,
    cause: error
  });
}
