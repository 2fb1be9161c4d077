import { afterEach, describe, expect, it } from 'vitest';
import { generatedImages, webhookDeliveries } from '$lib/server/db/schema';
import { signReplicateWebhook } from '$lib/server/providers/replicate/webhook';
import { postgresUnavailable } from '$tests/support/database';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { assembleDeps } from './deps';
import { receiveReplicateWebhook } from './replicate-webhooks';
import { REPLAY_WINDOW_MS } from './webhook-deliveries';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const NOW = new Date('2026-11-28T12:00:00Z');
const WEBHOOK_ENV = {
  REPLICATE_API_TOKEN: 'r8_test',
  REPLICATE_WEBHOOK_SECRET: SECRET,
  PUBLIC_URL: 'https://studio.example.com'
};

function delivery(options: { predictionId?: string; id?: string; at?: Date; secret?: string } = {}) {
  const body = JSON.stringify({
    id: options.predictionId ?? 'pred-1',
    status: 'succeeded',
    output: ['https://replicate.delivery/x.png'],
    error: null,
    metrics: { predict_time: 2 }
  });
  const headers = signReplicateWebhook({
    id: options.id ?? 'msg_1',
    timestamp: options.at ?? NOW,
    body,
    secret: options.secret ?? SECRET
  });
  return { headers, rawBody: body };
}

/** A second app instance: its own process state (job notifier, limiter), the same database. */
function anotherInstance(first: TestDeps, now: () => Date) {
  const database = { db: first.db, kind: first.databaseKind, close: async () => {} };
  return assembleDeps(first.config, database, { clock: now });
}

describe.skipIf(postgresUnavailable)(receiveReplicateWebhook.name, () => {
  let deps: TestDeps | undefined;
  afterEach(async () => {
    await deps?.close();
    deps = undefined;
  });

  it('should hand a signed delivery to the request waiting for that prediction', async () => {
    deps = await createTestDeps({ env: WEBHOOK_ENV, now: () => NOW });
    const waiting = deps.jobs.waitFor('pred-1');

    const receipt = await receiveReplicateWebhook(deps, delivery());

    expect(receipt).toStrictEqual({ known: true, delivered: true });
    await expect(waiting).resolves.toMatchObject({ id: 'pred-1', status: 'succeeded' });
  });

  it('should know a prediction by the job id on its rows when nobody here waits for it', async () => {
    deps = await createTestDeps({ env: WEBHOOK_ENV, now: () => NOW });
    await deps.db
      .insert(generatedImages)
      .values({ userId: deps.actor.id, prompt: 'p', provider: 'replicate', model: 'm', size: '1x1', taskId: 'pred-7' });

    expect(await receiveReplicateWebhook(deps, delivery({ predictionId: 'pred-7' }))).toStrictEqual({
      known: true,
      delivered: false
    });
    expect(await receiveReplicateWebhook(deps, delivery({ predictionId: 'pred-8', id: 'msg_2' }))).toStrictEqual({
      known: false,
      delivered: false
    });
  });

  it.each([
    [
      'a wrong signature',
      delivery({ secret: `whsec_${Buffer.from('another secret, 32 bytes long!!!').toString('base64')}` })
    ],
    ['a stale timestamp', delivery({ at: new Date(NOW.getTime() - 6 * 60_000) })],
    ['a body changed after signing', { ...delivery(), rawBody: delivery().rawBody.replace('succeeded', 'failed') }]
  ])('should refuse %s as unauthorized and hand nothing over', async (_, forged) => {
    deps = await createTestDeps({ env: WEBHOOK_ENV, now: () => NOW });
    let handed = false;
    void deps.jobs.waitFor('pred-1').then(() => (handed = true));

    await expect(receiveReplicateWebhook(deps, forged)).rejects.toMatchObject({ kind: 'unauthorized' });
    await Promise.resolve();
    expect(handed).toBe(false);
  });

  it('should refuse a replayed delivery', async () => {
    deps = await createTestDeps({ env: WEBHOOK_ENV, now: () => NOW });
    await receiveReplicateWebhook(deps, delivery());
    await expect(receiveReplicateWebhook(deps, delivery())).rejects.toMatchObject({
      kind: 'unauthorized',
      message: expect.stringContaining('replay')
    });
  });

  it('should refuse a replay that reaches another instance on the same database', async () => {
    deps = await createTestDeps({ env: WEBHOOK_ENV, now: () => NOW });
    const other = anotherInstance(deps, () => NOW);
    await receiveReplicateWebhook(deps, delivery());

    await expect(receiveReplicateWebhook(other, delivery())).rejects.toMatchObject({
      kind: 'unauthorized',
      message: 'Webhook msg_1 was already delivered; a replay is refused.'
    });
  });

  it('should take one of two copies arriving at two instances at once', async () => {
    deps = await createTestDeps({ env: WEBHOOK_ENV, now: () => NOW });
    const other = anotherInstance(deps, () => NOW);

    const outcomes = await Promise.allSettled([
      receiveReplicateWebhook(deps, delivery()),
      receiveReplicateWebhook(other, delivery())
    ]);

    expect(outcomes.map((outcome) => outcome.status).sort()).toStrictEqual(['fulfilled', 'rejected']);
  });

  it('should purge delivery ids older than the replay window', async () => {
    let now = NOW;
    deps = await createTestDeps({ env: WEBHOOK_ENV, now: () => now });
    await receiveReplicateWebhook(deps, delivery());
    now = new Date(NOW.getTime() + REPLAY_WINDOW_MS + 1000);

    await receiveReplicateWebhook(deps, delivery({ id: 'msg_2', at: now }));

    const kept = await deps.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries);
    expect(kept).toStrictEqual([{ id: 'msg_2' }]);
  });

  it('should answer not_found when this server has no webhook secret', async () => {
    deps = await createTestDeps({ env: { REPLICATE_API_TOKEN: 'r8_test' }, now: () => NOW });
    await expect(receiveReplicateWebhook(deps, delivery())).rejects.toMatchObject({ kind: 'not_found' });
  });
});
