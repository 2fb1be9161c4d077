/**
 * Hands a finished long job (a Replicate prediction delivered by webhook) to the request in this process
 * that is waiting for it. Delivery to a job nobody waits for here answers false, so the webhook route
 * can say so; the waiter's own polling is the backstop when the webhook reached another instance.
 */
export type JobNotifier = {
  waitFor(jobId: string, signal?: AbortSignal): Promise<unknown>;
  deliver(jobId: string, payload: unknown): boolean;
};

export function createJobNotifier(): JobNotifier {
  const waiting = new Map<string, Array<(payload: unknown) => void>>();
  return {
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
