import type { UpscaleTask } from './upscale-task';
import { createWorkerPool } from './worker-pool';

/**
 * The process's ESRGAN worker: one image at a time on one thread, because a run keeps a core busy for
 * seconds and its WebAssembly heap (a few hundred MB) lives as long as the worker, which ends after a
 * minute idle. The networks load once per worker and stay loaded while it lives.
 */
export const esrganPool = createWorkerPool<UpscaleTask, Uint8Array>(
  async () => (await import('./upscale-task')).default.moduleUrl,
  1
);
