import { json } from '@sveltejs/kit';
import { receiveReplicateWebhook } from '../services/replicate-webhooks';
import { toErrorBody } from '../api/middlewares/error-mapping';
import { startServer } from '../app';

/** Vendor callbacks authenticate by signature, not by an Atelier account, so they are not procedures. */
export async function respondToReplicateWebhook(request: Request): Promise<Response> {
  const deps = await startServer();
  try {
    const receipt = await receiveReplicateWebhook(deps, { headers: request.headers, rawBody: await request.text() });
    return json(receipt);
  } catch (error) {
    const body = toErrorBody(error);
    return json(body, { status: body.code });
  }
}
