import { expireAbandonedReservations } from '../budgets';
import type { Deps, OwnedDeps } from '../deps';
import { purgeExpiredImages } from './expired-images';
import { endInterruptedImages } from './interrupted-images';
import { removeOrphanBlobs } from './orphan-blobs';

export { endInterruptedImages, isPastTimeout, INTERRUPTED_MESSAGES } from './interrupted-images';
export { removeOrphanBlobs } from './orphan-blobs';
export { purgeExpiredImages } from './expired-images';

type SweepDeps = Pick<Deps, 'db' | 'storage' | 'clock' | 'config'>;

export type SweepReport = {
  interruptedImages: number;
  expiredReservations: number;
  expiredImages: number;
  removedFiles: number;
};

/**
 * Cleans up after requests whose process died (a crash, kill -9, a redeploy): their unfinished images end
 * `failed` as interrupted, their budget reservations expire, and files no row references are removed. It also
 * runs the daily cleanup (trash and image retention, `purgeExpiredImages`). Safe to run from any number of
 * instances at once and as often as wanted; a job queue can call it as a task.
 */
export async function sweepInterruptedWork(deps: SweepDeps, signal?: AbortSignal): Promise<SweepReport> {
  const interruptedImages = (await endInterruptedImages(deps)).length;
  const expiredReservations = await expireAbandonedReservations(deps);
  const expiredImages = await purgeExpiredImages(deps, signal);
  const removedFiles = signal?.aborted ? 0 : await removeOrphanBlobs(deps, signal);
  return { interruptedImages, expiredReservations, expiredImages, removedFiles };
}

/**
 * Sweeps now and then every `config.operations.sweepEveryMs` (one sweep at a time; the timer does not keep
 * the process alive). The returned `stop` ends the schedule and waits for a sweep in progress to stop.
 */
export function startHousekeeping(deps: SweepDeps & Pick<Deps, 'log'>): () => Promise<void> {
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const sweep = async () => {
    try {
      const report = await sweepInterruptedWork(deps, stopping.signal);
      if (Object.values(report).some((count) => count > 0)) deps.log.info(report, 'swept interrupted work');
    } catch (error) {
      if (!stopping.signal.aborted) deps.log.error({ err: error }, 'sweeping interrupted work failed');
    }
    if (!stopping.signal.aborted) {
      timer = setTimeout(() => (running = sweep()), deps.config.operations.sweepEveryMs);
      timer.unref();
    }
  };
  running = sweep();

  return async () => {
    stopping.abort();
    clearTimeout(timer);
    await running;
  };
}

/** The process's dependencies with housekeeping running until `close()`. */
export function withHousekeeping(deps: OwnedDeps): OwnedDeps {
  const stop = startHousekeeping(deps);
  return {
    ...deps,
    async close() {
      await stop();
      await deps.close();
    }
  };
}
