/**
 * Operations running in this process, by image id, so `images.cancel` can stop one that has no vendor job
 * to cancel. Another instance's operations are not here; they end within their timeout or by the sweep.
 */
type Running = { controller: AbortController; finished: Promise<unknown>; imageIds: string[] };

const running = new Map<string, Running>();

export function trackRunning(imageIds: string[], controller: AbortController, finished: Promise<unknown>): void {
  const entry = { controller, finished, imageIds };
  for (const id of imageIds) running.set(id, entry);
  void finished
    .catch(() => undefined)
    .finally(() => {
      for (const id of imageIds) if (running.get(id) === entry) running.delete(id);
    });
}

/** Aborts the operation making `imageId` and waits until it has ended its rows; false when it is not running here. */
export async function abortRunning(imageId: string): Promise<string[] | undefined> {
  const entry = running.get(imageId);
  if (!entry) return undefined;
  entry.controller.abort(new DOMException('Canceled by its owner.', 'AbortError'));
  await entry.finished.catch(() => undefined);
  return entry.imageIds;
}
