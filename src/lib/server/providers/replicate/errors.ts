import { z } from 'zod';
import { ProviderError, providerErrorFromStatus } from '../errors';
import { readRefusal } from '../kit/answers';
import { retryAfterMs } from '../kit/retries';
import type { ReplicatePrediction } from './map';
import { REPLICATE_VENDOR } from './models';

/** Replicate's error body (shared/providers/replicate.md, "Rate limits and errors"). */
const ZErrorBody = z.object({ detail: z.string().optional(), title: z.string().optional() });

/** `{"detail":"Request was throttled. Your rate limit resets in ~30s."}`: the wait is only in the text. */
const RESETS_IN = /resets in ~?\s*(\d+(?:\.\d+)?)\s*s/i;

/** Safety checkers fail the prediction in their own words ("NSFW content detected", "…contained NSFW content"). */
const SAFETY_FAILURE = /nsfw|safety|unsafe|sensitive|inappropriate|explicit/i;

function hintedWaitMs(text: string): number | undefined {
  const seconds = RESETS_IN.exec(text)?.[1];
  return seconds === undefined ? undefined : Number(seconds) * 1000;
}

export async function hintedDelayMs(response: Response): Promise<number | undefined> {
  return hintedWaitMs(await response.text().catch(() => ''));
}

export async function refusalError(response: Response): Promise<ProviderError> {
  const { reason, text } = await readRefusal(response, ZErrorBody, (body) => body.detail ?? body.title);
  return providerErrorFromStatus(REPLICATE_VENDOR, response.status, {
    reason,
    retryAfterMs: retryAfterMs(response.headers) ?? hintedWaitMs(text)
  });
}

function errorText(prediction: ReplicatePrediction): string {
  if (typeof prediction.error === 'string' && prediction.error.trim() !== '') return prediction.error.trim();
  return prediction.error ? JSON.stringify(prediction.error) : 'no reason given';
}

/** A prediction that ended without images, as the error the request answers with (the model ran). */
export function endedWithoutImages(prediction: ReplicatePrediction): ProviderError {
  const details = { providerId: REPLICATE_VENDOR.providerId, beforePaidWork: false, vendorRequestId: prediction.id };
  if (prediction.status === 'failed') {
    const reason = errorText(prediction);
    if (SAFETY_FAILURE.test(reason)) {
      return new ProviderError(
        'content_policy',
        `The model's safety checker refused the result ("${reason}"); rephrase the prompt or use another image.`,
        { ...details, reason }
      );
    }
    return new ProviderError('provider_error', `${REPLICATE_VENDOR.label}'s model failed: ${reason}`, {
      ...details,
      reason
    });
  }
  return new ProviderError(
    'provider_error',
    `The ${REPLICATE_VENDOR.label} prediction ${prediction.id} was canceled before it finished.`,
    { ...details, reason: prediction.status }
  );
}
