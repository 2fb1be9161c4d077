import { lt } from 'drizzle-orm';
import { webhookDeliveries } from '../db/schema';
import type { Deps } from './deps';

/** Longer than the 5-minute timestamp tolerance of webhooks, so every replay meets one of the two checks. */
export const REPLAY_WINDOW_MS = 10 * 60_000;

/**
 * True for the first delivery of a webhook id (its `webhook-id`), false for a replay, on every instance
 * sharing the database: the insert decides, so two instances receiving the same delivery at once cannot
 * both take it. Ids older than the replay window are purged first; their stale timestamps refuse them.
 */
export async function claimWebhookDelivery(deps: Pick<Deps, 'db'>, deliveryId: string, now: Date): Promise<boolean> {
  await deps.db
    .delete(webhookDeliveries)
    .where(lt(webhookDeliveries.receivedAt, new Date(now.getTime() - REPLAY_WINDOW_MS)));
  const claimed = await deps.db
    .insert(webhookDeliveries)
    .values({ id: deliveryId, receivedAt: now })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  return claimed.length === 1;
}
