import type { Image } from './trpc';

/** The images one request made, in their order; `id` is the first image's, stable for keyed lists. */
export type Batch = { id: string; images: Image[] };

/** The rows of one request share their creation time (the server writes them together) and their prompt. */
function sameRequest(a: Image, b: Image): boolean {
  return a.createdAt === b.createdAt && a.prompt === b.prompt && a.model === b.model;
}

/** Consecutive images of one request become one batch; the order of `images` (newest first) is kept. */
export function groupIntoBatches(images: Image[]): Batch[] {
  const batches: Batch[] = [];
  for (const image of images) {
    const last = batches.at(-1);
    if (last && sameRequest(last.images[0]!, image)) last.images.push(image);
    else batches.push({ id: image.id, images: [image] });
  }
  return batches;
}

/** Columns of a batch's grid: a row up to three, 2×2 for four, then rows as even as they come up to ten. */
export function batchColumns(count: number): number {
  if (count <= 3) return Math.max(count, 1);
  if (count === 4) return 2;
  if (count <= 6) return 3;
  if (count <= 8) return 4;
  return 5;
}
