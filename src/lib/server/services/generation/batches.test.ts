import { describe, expect, it } from 'vitest';
import { splitIntoBatches } from './batches';

describe(splitIntoBatches.name, () => {
  it.each([
    [1, 4, [1]],
    [4, 4, [4]],
    [10, 4, [4, 4, 2]],
    [10, 1, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    [3, 10, [3]]
  ])('should split %i images at %i per call into %o', (count, maxPerCall, expected) => {
    expect(splitIntoBatches(count, maxPerCall)).toStrictEqual(expected);
  });
});
