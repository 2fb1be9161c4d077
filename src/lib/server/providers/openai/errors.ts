import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { z } from 'zod';
import { ProviderError, providerErrorFromStatus, providerTimeoutError, unreachableError } from '../errors';
import { retryAfterMs } from '../kit/retries';
import { OPENAI_VENDOR } from './models';

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
      `${OPENAI_VENDOR.label}'s safety system refused this request ("${reason}"); rephrase the prompt or use other images.`,
      { providerId: OPENAI_VENDOR.providerId, beforePaidWork: true, status: 400, reason, vendorRequestId, cause: error }
    );
  }
  return providerErrorFromStatus(OPENAI_VENDOR, status, {
    reason,
    vendorRequestId,
    retryAfterMs: error.headers ? retryAfterMs(error.headers) : undefined,
    quotaExhausted: status === 429 && vendor?.code === 'insufficient_quota',
    cause: error
  });
}

/**
 * What a failed SDK call means for Atelier, once the deadline has had its say (`failureUnder`): the SDK's
 * own timeout, an answer by status, or a connection that failed.
 */
export function vendorFailure(error: unknown, timeoutMs: number): unknown {
  if (error instanceof APIConnectionTimeoutError) return providerTimeoutError(OPENAI_VENDOR, timeoutMs, error);
  if (error instanceof APIError && error.status !== undefined) return fromStatus(error, error.status);
  if (error instanceof APIConnectionError) return unreachableError(OPENAI_VENDOR, error, error.message);
  return error;
}
