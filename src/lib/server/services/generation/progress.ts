import type { GeneratedImageRow } from '../../db/schema';
import type { BlobStore } from '../../storage/types';
import { toImageDto, type ImageDto } from '../image-dto';

/**
 * What a running operation reports, in order: planned, calling (again after a fallback), one `image` per
 * image as it ends (completed, failed or canceled), done. Plain data, so a durable job queue can carry it.
 */
export type OperationProgress =
  | { stage: 'planned'; total: number; provider: string; model: string; estimatedUsd: number }
  | { stage: 'calling'; total: number; provider: string; model: string }
  | { stage: 'image'; index: number; done: number; total: number; image: ImageDto }
  | { stage: 'done'; total: number; completed: number };

export type OperationControl = {
  /** The caller's: aborting it cancels the operation (calls not started never start). */
  signal?: AbortSignal;
  onProgress?: (event: OperationProgress) => void;
  /**
   * Runs once the request will make images (it was not answered from the cache), before any quota or
   * budget check; a door charges its images-per-minute limit here and refuses by throwing.
   */
  admit?: () => Promise<void>;
};

/** A listener that throws must not break the work it listens to. */
export function progressReporter(control: OperationControl | undefined): (event: OperationProgress) => void {
  const listener = control?.onProgress;
  if (!listener) return () => {};
  return (event) => {
    try {
      listener(event);
    } catch {
      // The listener's problem (a closed stream); the operation goes on.
    }
  };
}

/**
 * The rows of a running operation as they end, in any order; each ending is reported once as
 * "image n of N".
 */
export function createImageTally(
  rows: GeneratedImageRow[],
  storage: Pick<BlobStore, 'publicUrl'>,
  report: (event: OperationProgress) => void
) {
  const final = new Map<number, GeneratedImageRow>();
  return {
    end(index: number, row: GeneratedImageRow): void {
      if (final.has(index)) return;
      final.set(index, row);
      report({ stage: 'image', index, done: final.size, total: rows.length, image: toImageDto(row, storage) });
    },
    unfinished(): { index: number; row: GeneratedImageRow }[] {
      return rows.flatMap((row, index) => (final.has(index) ? [] : [{ index, row }]));
    },
    rows(): GeneratedImageRow[] {
      return rows.map((row, index) => final.get(index) ?? row);
    }
  };
}

export type ImageTally = ReturnType<typeof createImageTally>;
