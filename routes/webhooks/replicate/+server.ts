import { respondToReplicateWebhook } from '$lib/server/http/webhooks';
import type { RequestHandler } from './$types';

/** Replicate's signed prediction callbacks (enabled by PUBLIC_URL + REPLICATE_WEBHOOK_SECRET). */
export const POST: RequestHandler = ({ request }) => respondToReplicateWebhook(request);
