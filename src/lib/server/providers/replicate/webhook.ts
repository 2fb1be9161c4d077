import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors';
import { ZReplicatePrediction, type ReplicatePrediction } from './map';

export type { ReplicatePrediction } from './map';

/** Deliveries further than this from our clock, either way, are refused (a replay, or a skewed signer). */
const DEFAULT_MAX_AGE_MS = 5 * 60_000;

/** The signing secret is `whsec_<base64 key>` (shared/providers/replicate.md, "Webhooks"). */
function signingKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** HMAC-SHA256 of `${id}.${timestamp}.${body}`, base64, as Replicate (Svix) signs. */
function signatureOf(id: string, timestamp: string, body: string, secret: string): string {
  return createHmac('sha256', signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
}

function sameSignature(candidate: string, expected: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refused(why: string): AppError {
  return new AppError('unauthorized', `Replicate webhook refused: ${why}.`);
}

function parseBody(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw refused('the body is not JSON');
  }
}

/**
 * Checks a webhook delivery before anything trusts it: the three `webhook-*` headers, a timestamp within
 * `maxAgeMs` of `now`, an HMAC over the raw body (so a replayed id with altered content fails), and a
 * body that is a prediction. Replays of an intact delivery are the caller's to refuse (by `webhookId`).
 */
export function verifyReplicateWebhook(input: {
  headers: Headers;
  rawBody: string;
  secret: string;
  now: Date;
  maxAgeMs?: number;
}): { webhookId: string; prediction: ReplicatePrediction } {
  const id = input.headers.get('webhook-id');
  const timestamp = input.headers.get('webhook-timestamp');
  const signatures = input.headers.get('webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw refused('the webhook-id, webhook-timestamp and webhook-signature headers are required');
  }
  if (!/^\d+$/.test(timestamp)) throw refused('webhook-timestamp is not a time in unix seconds');
  const maxAgeMs = input.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const ageMs = input.now.getTime() - Number(timestamp) * 1000;
  if (Math.abs(ageMs) > maxAgeMs) {
    const when = ageMs > 0 ? `${Math.round(ageMs / 1000)} s old` : `${Math.round(-ageMs / 1000)} s in the future`;
    throw refused(`it was signed ${when}, beyond the ${Math.round(maxAgeMs / 1000)} s allowed`);
  }
  const expected = signatureOf(id, timestamp, input.rawBody, input.secret);
  const signed = signatures
    .split(' ')
    .map((entry) => entry.split(','))
    .some(([version, signature]) => version === 'v1' && signature !== undefined && sameSignature(signature, expected));
  if (!signed) throw refused('the signature does not match the body');
  const prediction = ZReplicatePrediction.safeParse(parseBody(input.rawBody));
  if (!prediction.success) throw refused('the body is not a prediction');
  return { webhookId: id, prediction: prediction.data };
}

/** The headers Replicate sends with a delivery, for the fake and for tests of the webhook route. */
export function signReplicateWebhook(delivery: { id: string; timestamp: Date; body: string; secret: string }): Headers {
  const seconds = String(Math.floor(delivery.timestamp.getTime() / 1000));
  return new Headers({
    'content-type': 'application/json',
    'webhook-id': delivery.id,
    'webhook-timestamp': seconds,
    'webhook-signature': `v1,${signatureOf(delivery.id, seconds, delivery.body, delivery.secret)}`
  });
}
