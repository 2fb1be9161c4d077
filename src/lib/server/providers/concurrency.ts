import type { EditCall, ImageProviderV1 } from './types';

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
  const { edit, cancelJob, refreshCatalog, checkReachable } = provider;
  return {
    specificationVersion: provider.specificationVersion,
    id: provider.id,
    label: provider.label,
    kind: provider.kind,
    // Getters: a catalog refresh changes the provider's models after start.
    get models() {
      return provider.models;
    },
    get defaultModel() {
      return provider.defaultModel;
    },
    // A call whose caller gave up while it waited for a slot is not started.
    generate: (call) => slots.run(() => (call.signal?.throwIfAborted(), provider.generate(call))),
    ...(edit && {
      edit: (call: EditCall) => slots.run(() => (call.signal?.throwIfAborted(), edit.call(provider, call)))
    }),
    ...(cancelJob && { cancelJob: cancelJob.bind(provider) }),
    ...(refreshCatalog && { refreshCatalog: refreshCatalog.bind(provider) }),
    ...(checkReachable && { checkReachable: checkReachable.bind(provider) })
  };
}
