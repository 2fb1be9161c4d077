import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import { z } from 'zod';
import { ProviderError, providerErrorFromStatus, providerTimeoutError, unreachableError } from '../errors';
import { retryAfterMs } from '../kit/retries';
import { CLAUDE_VENDOR } from './models';

/** Anthropic's error body: `{ type: "error", error: { type, message, details? } }` (anthropic-vision.md "Errors"). */
const ZVendorError = z.object({
  type: z.string().optional(),
  message: z.string().optional(),
  details: z.object({ error_code: z.string().optional() }).nullish()
});
const ZErrorBody = z.object({ error: ZVendorError });

/** A 429 for the organisation's spend limit: waiting does not help, so it is neither retried nor "rate limited". */
export async function isSpendLimitRefusal(response: Response): Promise<boolean> {
  const body: unknown = await response.json().catch(() => undefined);
  return ZErrorBody.safeParse(body).data?.error.details?.error_code === 'enforced_spend_limit_reached';
}

function fromStatus(error: APIError, status: number): ProviderError {
  const vendor = ZErrorBody.safeParse(error.error).data?.error;
  const reason = vendor?.message ?? error.message;
  const details = {
    reason,
    vendorRequestId: error.requestID ?? undefined,
    retryAfterMs: error.headers ? retryAfterMs(error.headers) : undefined,
    cause: error
  };
  const spendLimit = vendor?.details?.error_code === 'enforced_spend_limit_reached';
  if (status === 429 && !spendLimit) {
    const wait = details.retryAfterMs === undefined ? 'shortly' : `in ${Math.ceil(details.retryAfterMs / 1000)} s`;
    return new ProviderError('rate_limited', `Claude is rate limiting this server; try again ${wait}.`, {
      providerId: CLAUDE_VENDOR.providerId,
      beforePaidWork: true,
      status,
      ...details
    });
  }
  if (status === 529) {
    return new ProviderError('provider_unavailable', 'Claude is overloaded right now; try again in a minute.', {
      providerId: CLAUDE_VENDOR.providerId,
      beforePaidWork: true,
      status,
      ...details
    });
  }
  return providerErrorFromStatus(CLAUDE_VENDOR, status, { ...details, quotaExhausted: spendLimit });
}

/** What a failed SDK call means for Atelier once the deadline has had its say (`failureUnder`). */
export function vendorFailure(error: unknown, timeoutMs: number): unknown {
  if (error instanceof APIConnectionTimeoutError) return providerTimeoutError(CLAUDE_VENDOR, timeoutMs, error);
  if (error instanceof APIError && error.status !== undefined) return fromStatus(error, error.status);
  if (error instanceof APIConnectionError) return unreachableError(CLAUDE_VENDOR, error, error.message);
  return error;
}
