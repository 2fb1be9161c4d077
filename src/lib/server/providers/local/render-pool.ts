import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import Tinypool from 'tinypool';
import type { RenderRequest } from './render';

export type RenderPool = {
  /** The RGBA pixels of one image, painted on a worker thread so the event loop keeps serving requests. */
  render(request: RenderRequest, signal?: AbortSignal): Promise<Uint8ClampedArray>;
  /** Worker threads alive now: none before the first render and after the workers went idle. */
  readonly threads: number;
};

/**
 * Idle workers end after this long and the pool starts them again on the next render; an idle worker
 * does not keep the process alive, so the pool needs no closing.
 */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * The module a worker loads. The built server's task is a plain JS chunk; a `.ts` source (vitest, `npm run
 * mcp`) is loaded through tsx's `tsImport`, because Node 20 does not apply `--import tsx` to a worker's modules.
 */
function workerEntry(taskUrl: string): string {
  if (!taskUrl.endsWith('.ts')) return taskUrl;
  // `require.resolve` finds the CommonJS twin of tsx's API, which cannot register its loader from a data: module.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs')
  ).href;
  const [api, task] = [JSON.stringify(tsxApi), JSON.stringify(taskUrl)];
  const source = `const { tsImport } = await import(${api}); export default (await tsImport(${task}, ${task})).default;`;
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/**
 * At most `threads` images painted at once, on tinypool worker threads. The task module is imported
 * lazily, so bundlers put it in a chunk of its own, which is the file the workers load; the threads
 * start on the first render.
 */
function createRenderPool(threads: number): RenderPool {
  let pool: Promise<Tinypool> | undefined;
  let started: Tinypool | undefined;
  const start = async () => {
    const { default: renderTask } = await import('./render-task');
    started = new Tinypool({
      filename: workerEntry(renderTask.moduleUrl),
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: IDLE_TIMEOUT_MS
    });
    return started;
  };
  return {
    async render(request, signal) {
      pool ??= start();
      return (await pool).run(request, { signal });
    },
    get threads() {
      return started?.threads.length ?? 0;
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
