import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import Tinypool from 'tinypool';

export type WorkerPool<Task, Result> = {
  /**
   * Runs `task` on a worker thread so the event loop keeps serving requests. An abort ends the worker
   * (even mid-task) and rejects with the signal's reason.
   */
  run(task: Task, signal?: AbortSignal): Promise<Result>;
  /** Worker threads alive now: none before the first task and after the workers went idle. */
  readonly threads: number;
};

/**
 * Idle workers end after this long and the pool starts them again on the next task; an idle worker
 * does not keep the process alive, so the pool needs no closing.
 */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * The module a worker loads. The built server's and `atelier-mcp`'s task is a plain JS file; a `.ts` source (vitest,
 * `npm run atelier`) is loaded through tsx's `tsImport`, because Node 20 does not apply `--import tsx` to a worker's modules.
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
 * At most `threads` tasks at once, on tinypool worker threads running the default export of the module at
 * `taskModuleUrl()`. Callers import their task module lazily there, so bundlers put it in a chunk of its
 * own, which is the file the workers load; the threads start on the first task.
 */
export function createWorkerPool<Task, Result>(
  taskModuleUrl: () => Promise<string>,
  threads: number
): WorkerPool<Task, Result> {
  let pool: Promise<Tinypool> | undefined;
  let started: Tinypool | undefined;
  const start = async () => {
    started = new Tinypool({
      filename: workerEntry(await taskModuleUrl()),
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: IDLE_TIMEOUT_MS
    });
    return started;
  };
  return {
    async run(task, signal) {
      signal?.throwIfAborted();
      pool ??= start();
      try {
        return (await (await pool).run(task, { signal })) as Result;
      } catch (error) {
        // tinypool rejects an aborted task with an error of its own; callers expect the signal's reason.
        signal?.throwIfAborted();
        throw error;
      }
    },
    get threads() {
      return started?.threads.length ?? 0;
    }
  };
}
