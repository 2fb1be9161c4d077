import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { OperationProgress } from '../src/lib/server/api';
import { formatUsd } from './summaries';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Sends a generation's progress as `notifications/progress` when the tool call carries a
 * `_meta.progressToken` (and does nothing otherwise): `0` of `total` once planned, one step per image
 * that ended, whatever its end. MCP wants `progress` to grow with every notification, so an event that
 * does not move it (a new provider call, `done` after the last image) is not sent. A notification that
 * cannot be delivered (the client left) does not stop the work.
 */
export function progressSender(extra: ToolExtra): (event: OperationProgress) => Promise<void> {
  const progressToken = extra._meta?.progressToken;
  let sent = -1;
  return async (event) => {
    const update = describeProgress(event);
    if (progressToken === undefined || !update || update.progress <= sent) return;
    sent = update.progress;
    await extra
      .sendNotification({ method: 'notifications/progress', params: { progressToken, ...update } })
      .catch(() => undefined);
  };
}

function describeProgress(event: OperationProgress): { progress: number; total: number; message: string } | null {
  switch (event.stage) {
    case 'planned':
      return {
        progress: 0,
        total: event.total,
        message: `Making ${event.total} image${event.total === 1 ? '' : 's'} with ${event.provider}/${event.model} (estimated ${formatUsd(event.estimatedUsd)}).`
      };
    case 'image':
      return {
        progress: event.done,
        total: event.total,
        message: `Image ${event.index + 1} ${event.image.status} (${event.done} of ${event.total} ended).`
      };
    case 'done':
      return {
        progress: event.total,
        total: event.total,
        message: `Done: ${event.completed} of ${event.total} completed.`
      };
    case 'calling':
      return null;
  }
}
