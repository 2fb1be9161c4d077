import type { GeneratedImageRow } from '../../db/schema';
import { failInterruptedImages } from '../../db/repositories/generated-images';
import { keysOfImage } from '../blob-keys';
import type { Deps } from '../deps';

type InterruptedDeps = Pick<Deps, 'db' | 'storage' | 'clock' | 'config'>;

export const INTERRUPTED_MESSAGES = {
  notCharged: 'Interrupted: the server stopped while this image was being made; nothing was charged for it.',
  charged:
    'Interrupted: the server stopped after the provider was paid but before this image was stored; its cost stays charged.'
};

/** Whether a row created at `createdAt` is older than any live request can be. */
export function isPastTimeout(deps: Pick<Deps, 'clock' | 'config'>, createdAt: Date): boolean {
  return createdAt.getTime() < deps.clock().getTime() - deps.config.operations.staleAfterMs;
}

/**
 * Ends the unfinished images no live request can still be making (created longer ago than the operation
 * timeout and its margin): `failed`, saying they were interrupted, and without the files their process
 * may have written before it died. `imageId` limits it to one image. Returns the images it ended.
 */
export async function endInterruptedImages(
  deps: InterruptedDeps,
  options: { imageId?: string } = {}
): Promise<GeneratedImageRow[]> {
  const now = deps.clock();
  const ended = await failInterruptedImages(deps.db, {
    createdBefore: new Date(now.getTime() - deps.config.operations.staleAfterMs),
    now,
    imageId: options.imageId,
    messages: INTERRUPTED_MESSAGES
  });
  await Promise.all(ended.flatMap((row) => keysOfImage(row.id, row.createdAt)).map((key) => deps.storage.delete(key)));
  return ended;
}
