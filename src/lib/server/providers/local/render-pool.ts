import type { RenderRequest } from './render';
import { createWorkerPool } from './worker-pool';

export type RenderPool = {
  /** The RGBA pixels of one image, painted on a worker thread so the event loop keeps serving requests. */
  render(request: RenderRequest, signal?: AbortSignal): Promise<Uint8ClampedArray>;
  /** Worker threads alive now: none before the first render and after the workers went idle. */
  readonly threads: number;
};

/** At most `threads` images painted at once, on worker threads running `render-task.ts`. */
function createRenderPool(threads: number): RenderPool {
  const pool = createWorkerPool<RenderRequest, Uint8ClampedArray>(
    async () => (await import('./render-task')).default.moduleUrl,
    threads
  );
  return {
    render: (request, signal) => pool.run(request, signal),
    get threads() {
      return pool.threads;
    }
  };
}

const pools = new Map<number, RenderPool>();

/**
 * The process's pool of `threads` workers. Threads are a resource of the process, like libuv's: every
 * provider (and every test's dependencies) asking for the same size shares one pool instead of starting
 * threads of its own.
 */
export function sharedRenderPool(threads: number): RenderPool {
  let pool = pools.get(threads);
  if (!pool) {
    pool = createRenderPool(threads);
    pools.set(threads, pool);
  }
  return pool;
}
