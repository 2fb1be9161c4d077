import { webcrypto } from 'node:crypto';
import { validateWebhook } from 'replicate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { signReplicateWebhook, verifyReplicateWebhook } from './webhook';

const SECRET = `whsec_${Buffer.from('a signing key of thirty-two bytes').toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.from('another key, not the one we hold').toString('base64')}`;
const NOW = new Date('2026-11-28T12:00:00Z');
const BODY = JSON.stringify({
  id: 'gm3qorzdhgbfurvjtvhg6dckhu',
  status: 'succeeded',
  output: ['https://replicate.delivery/out-0.webp'],
  metrics: { predict_time: 1.2 }
});

function delivery(overrides: { body?: string; timestamp?: Date; secret?: string } = {}) {
  const body = overrides.body ?? BODY;
  const headers = signReplicateWebhook({
    id: 'msg_2cT8VvXUcoLzwOyAtBqGbbFJhmr',
    timestamp: overrides.timestamp ?? NOW,
    body,
    secret: overrides.secret ?? SECRET
  });
  return { headers, rawBody: body, secret: SECRET, now: NOW };
}

function refusalOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the delivery to be refused');
}

describe(signReplicateWebhook.name, () => {
  it('should sign exactly as the official SDK verifies', async () => {
    const { headers } = delivery();

    const valid = await validateWebhook(
      {
        id: headers.get('webhook-id')!,
        timestamp: headers.get('webhook-timestamp')!,
        signature: headers.get('webhook-signature')!,
        body: BODY,
        secret: SECRET
      },
      webcrypto as Crypto
    );

    expect(valid).toBe(true);
  });
});

describe(verifyReplicateWebhook.name, () => {
  it('should accept a signed delivery and return its id and prediction', () => {
    const { webhookId, prediction } = verifyReplicateWebhook(delivery());

    expect({ webhookId, id: prediction.id, status: prediction.status, output: prediction.output }).toStrictEqual({
      webhookId: 'msg_2cT8VvXUcoLzwOyAtBqGbbFJhmr',
      id: 'gm3qorzdhgbfurvjtvhg6dckhu',
      status: 'succeeded',
      output: ['https://replicate.delivery/out-0.webp']
    });
  });

  it('should accept a delivery when any of several signatures matches (a rotated secret)', () => {
    const signed = delivery();
    const rotated = delivery({ secret: OTHER_SECRET }).headers.get('webhook-signature')!;
    signed.headers.set('webhook-signature', `${rotated} ${signed.headers.get('webhook-signature')!}`);

    expect(verifyReplicateWebhook(signed).webhookId).toBe('msg_2cT8VvXUcoLzwOyAtBqGbbFJhmr');
  });

  it('should refuse a delivery signed with another secret', () => {
    const error = refusalOf(() => verifyReplicateWebhook(delivery({ secret: OTHER_SECRET })));

    expect([error.kind, error.message]).toStrictEqual([
      'unauthorized',
      'Replicate webhook refused: the signature does not match the body.'
    ]);
  });

  it('should refuse a replayed delivery whose body was altered', () => {
    const replayed = delivery();
    const altered = BODY.replace('out-0.webp', 'attacker.webp');

    const error = refusalOf(() => verifyReplicateWebhook({ ...replayed, rawBody: altered }));

    expect(error.message).toBe('Replicate webhook refused: the signature does not match the body.');
  });

  it.each([
    ['6 minutes old', -6 * 60_000, 'it was signed 360 s old, beyond the 300 s allowed'],
    ['6 minutes in the future', 6 * 60_000, 'it was signed 360 s in the future, beyond the 300 s allowed']
  ])('should refuse a correctly signed delivery %s', (_, offsetMs, why) => {
    const stale = delivery({ timestamp: new Date(NOW.getTime() + offsetMs) });

    const error = refusalOf(() => verifyReplicateWebhook(stale));

    expect([error.kind, error.message]).toStrictEqual(['unauthorized', `Replicate webhook refused: ${why}.`]);
  });

  it('should accept a delivery 4 minutes old and honour a shorter maxAgeMs', () => {
    const recent = delivery({ timestamp: new Date(NOW.getTime() - 4 * 60_000) });

    expect(verifyReplicateWebhook(recent).prediction.id).toBe('gm3qorzdhgbfurvjtvhg6dckhu');
    expect(refusalOf(() => verifyReplicateWebhook({ ...recent, maxAgeMs: 60_000 })).kind).toBe('unauthorized');
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])('should refuse a delivery without %s', (name) => {
    const incomplete = delivery();
    incomplete.headers.delete(name);

    const error = refusalOf(() => verifyReplicateWebhook(incomplete));

    expect(error.message).toBe(
      'Replicate webhook refused: the webhook-id, webhook-timestamp and webhook-signature headers are required.'
    );
  });

  it.each([
    ['not JSON', 'ok', 'the body is not JSON'],
    ['not a prediction', JSON.stringify({ hello: 'world' }), 'the body is not a prediction']
  ])('should refuse a correctly signed body that is %s', (_, body, why) => {
    const error = refusalOf(() => verifyReplicateWebhook(delivery({ body })));

    expect(error.message).toBe(`Replicate webhook refused: ${why}.`);
  });
});
