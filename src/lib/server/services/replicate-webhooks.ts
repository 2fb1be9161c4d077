import { eq } from 'drizzle-orm';
import { generatedImages } from '../db/schema';
import { AppError } from '../errors';
import { verifyReplicateWebhook } from '../providers/replicate/webhook';
import type { Deps } from './deps';
import { claimWebhookDelivery } from './webhook-deliveries';

export type WebhookReceipt = {
  /** Whether the prediction belongs to images of this instance. */
  known: boolean;
  /** Whether a request of this process was waiting for it (otherwise its own polling finds the result). */
  delivered: boolean;
};

/**
 * A Replicate prediction finished (`POST /webhooks/replicate`). The signature, its age and replays (on
 * any instance sharing the database) are checked before anything else; the prediction then goes to the
 * request waiting for it.
 */
export async function receiveReplicateWebhook(
  deps: Pick<Deps, 'config' | 'db' | 'jobs' | 'clock' | 'log'>,
  delivery: { headers: Headers; rawBody: string }
): Promise<WebhookReceipt> {
  const secret = deps.config.providers.replicate?.webhook?.secret;
  if (!secret) {
    throw new AppError(
      'not_found',
      'Replicate webhooks are not enabled on this server; set PUBLIC_URL and REPLICATE_WEBHOOK_SECRET.'
    );
  }
  const now = deps.clock();
  const { webhookId, prediction } = verifyReplicateWebhook({ ...delivery, secret, now });
  if (!(await claimWebhookDelivery(deps, webhookId, now))) {
    throw new AppError('unauthorized', `Webhook ${webhookId} was already delivered; a replay is refused.`);
  }
  // Handed over first: a fast prediction can finish before its id is written on the rows.
  const delivered = deps.jobs.deliver(prediction.id, prediction);
  if (delivered) return { known: true, delivered };
  const [row] = await deps.db
    .select({ id: generatedImages.id })
    .from(generatedImages)
    .where(eq(generatedImages.taskId, prediction.id))
    .limit(1);
  if (!row) deps.log.warn({ predictionId: prediction.id }, 'replicate webhook for an unknown prediction');
  return { known: row !== undefined, delivered };
}
