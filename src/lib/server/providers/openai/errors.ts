import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { z } from 'zod';
import { ProviderError, providerErrorFromStatus, providerTimeoutError } from '../errors';
import { retryAfterMs } from '../http';
import type { VendorCall } from './client';
import { OPENAI_LABEL, OPENAI_PROVIDER_ID } from './models';
import { neverConnected } from '../connection';

/** The `error` object of OpenAI's error body (shared/providers/openai-images.md, "Errors"). */
const ZVendorError = z.object({ message: z.string().optional(), code: z.string().nullish() });

/** DALL·E says `content_policy_violation`, GPT image models `moderation_blocked`. */
const CONTENT_POLICY_CODES = new Set(['content_policy_violation', 'moderation_blocked']);

/** A 429 that means billing is exhausted: waiting does not help. */
export async function isQuotaRefusal(response: Response): Promise<boolean> {
  const body: unknown = await response.json().catch(() => undefined);
  return z.object({ error: ZVendorError }).safeParse(body).data?.error.code === 'insufficient_quota';
}

function fromStatus(error: APIError, status: number): ProviderError {
  const vendor = ZVendorError.safeParse(error.error).data;
  const reason = vendor?.message ?? error.message;
  const vendorRequestId = error.requestID ?? undefined;
  if (status === 400 && vendor?.code && CONTENT_POLICY_CODES.has(vendor.code)) {
    return new ProviderError(
      'content_policy',
      `${OPENAI_LABEL}'s safety system refused this request ("${reason}"); rephrase the prompt or use other images.`,
      { providerId: OPENAI_PROVIDER_ID, beforePaidWork: true, status: 400, reason, vendorRequestId, cause: error }
    );
  }
  return providerErrorFromStatus(OPENAI_PROVIDER_ID, OPENAI_LABEL, status, {
    reason,
    vendorRequestId,
    retryAfterMs: error.headers ? retryAfterMs(error.headers) : undefined,
    quotaExhausted: status === 429 && vendor?.code === 'insufficient_quota',
    cause: error
  });
}

/**
 * What a failed SDK call means for Atelier. A timeout wins over whatever the SDK made of the abort; a
 * caller's own abort is passed on unchanged, so a cancelled request is not reported as a vendor failure.
 */
export function toProviderError(error: unknown, call: VendorCall): unknown {
  if (error instanceof ProviderError) return error;
  if (call.timeoutSignal.aborted || error instanceof APIConnectionTimeoutError) {
    return providerTimeoutError(OPENAI_PROVIDER_ID, OPENAI_LABEL, call.timeoutMs, error);
  }
  if (call.signal.aborted) return call.signal.reason;
  if (error instanceof APIError && error.status !== undefined) return fromStatus(error, error.status);
  if (error instanceof APIConnectionError) {
    return new ProviderError(
      'provider_unavailable',
      `${OPENAI_LABEL} could not be reached (${error.message}); try again later.`,
      { providerId: OPENAI_PROVIDER_ID, beforePaidWork: neverConnected(error), cause: error }
    );
  }
  return error;
}
