/**
 * Hands a finished long job (a Replicate prediction delivered by webhook) to the request in this process
 * that is waiting for it. Delivery to a job nobody waits for here answers false, so the webhook route
 * can say so; the waiter's own polling is the backstop when the webhook reached another instance.
 */
export type JobNotifier = {
  waitFor(jobId: string, signal?: AbortSignal): Promise<unknown>;
  deliver(jobId: string, payload: unknown): boolean;
  /**
   * True the first time a delivery id (a webhook's `webhook-id`) is seen within `replayWindowMs`, so a
   * replayed delivery is refused. Older replays are refused by their stale timestamp instead.
   */
  firstDelivery(deliveryId: string, now: number): boolean;
};

/** Longer than the 5-minute timestamp tolerance of webhooks, so every replay meets one of the two checks. */
const REPLAY_WINDOW_MS = 10 * 60_000;

export function createJobNotifier(): JobNotifier {
  const waiting = new Map<string, Array<(payload: unknown) => void>>();
  const seenDeliveries = new Map<string, number>();
  return {
    firstDelivery(deliveryId, now) {
      for (const [id, seenAt] of seenDeliveries) {
        if (now - seenAt > REPLAY_WINDOW_MS) seenDeliveries.delete(id);
        else break; // insertion order = time order
      }
      if (seenDeliveries.has(deliveryId)) return false;
      seenDeliveries.set(deliveryId, now);
      return true;
    },
    waitFor(jobId, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const listener = (payload: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(payload);
        };
        const onAbort = () => {
          const left = (waiting.get(jobId) ?? []).filter((candidate) => candidate !== listener);
          if (left.length) waiting.set(jobId, left);
          else waiting.delete(jobId);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.set(jobId, [...(waiting.get(jobId) ?? []), listener]);
      });
    },
    deliver(jobId, payload) {
      const listeners = waiting.get(jobId);
      if (!listeners) return false;
      waiting.delete(jobId);
      for (const listener of listeners) listener(payload);
      return true;
    }
  };
}
