import { randomInt } from 'node:crypto';
import { MAX_SEED, type ModelCapabilities } from '../../providers/types';
import type { PlannedCall } from './plan';

/** Splits `count` into calls of at most `maxPerCall` images: 10 at 4 → [4, 4, 2]. */
export function splitIntoBatches(count: number, maxPerCall: number): number[] {
  const batches: number[] = [];
  for (let left = count; left > 0; left -= maxPerCall) batches.push(Math.min(left, maxPerCall));
  return batches;
}

/**
 * Image i gets seed + i. A model that takes seeds always gets one (drawn when the request has none), so
 * every image it makes can be made again; a model without the knob gets none (its warning says so).
 */
export function seedsFor(
  model: ModelCapabilities,
  count: number,
  requested: number | undefined
): (number | undefined)[] {
  if (!model.knobs.includes('seed')) return Array.from({ length: count }, () => undefined);
  const first = requested ?? randomInt(0, MAX_SEED - count + 2);
  return Array.from({ length: count }, (_, index) => first + index);
}

/**
 * Calls of at most the model's images per call; one call per image where the vendor stamps one seed on a
 * whole call (`oneSeedPerCall`), so that image i really is seed + i.
 */
export function planCalls(model: ModelCapabilities, count: number, seeds: (number | undefined)[]): PlannedCall[] {
  const perCall = model.oneSeedPerCall && seeds[0] !== undefined ? 1 : model.maxImagesPerCall;
  let first = 0;
  return splitIntoBatches(count, perCall).map((batchCount) => {
    const call = { first, count: batchCount, seed: seeds[first] };
    first += batchCount;
    return call;
  });
}
