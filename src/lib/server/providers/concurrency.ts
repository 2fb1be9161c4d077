import type { ImageProviderV1 } from './types';

/** A counting semaphore: at most `limit` holders at once, the rest wait in arrival order. */
export function createSemaphore(limit: number) {
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else active--;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) active++;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    get waiting() {
      return queue.length;
    }
  };
}

/**
 * The same provider with at most `limit` vendor calls in flight across every user of this instance,
 * so one busy user cannot use up the vendor's rate limit for everyone.
 */
export function withConcurrencyLimit(provider: ImageProviderV1, limit: number): ImageProviderV1 {
  const slots = createSemaphore(limit);
  const edit = provider.edit?.bind(provider);
  const limited: ImageProviderV1 = Object.create(provider);
  limited.generate = (call) => slots.run(() => provider.generate(call));
  if (edit) limited.edit = (call) => slots.run(() => edit(call));
  return limited;
}
