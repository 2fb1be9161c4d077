import { describe, expect, it } from 'vitest';
import { batchColumns, groupIntoBatches } from './batches';
import type { Image } from './trpc';

function image(id: string, createdAt: string, prompt = 'a lighthouse'): Image {
  return { id, createdAt, prompt, model: 'procedural' } as Image;
}

describe('groupIntoBatches', () => {
  it('keeps the images of one request together and the requests in their order', () => {
    const batches = groupIntoBatches([
      image('a', '2026-01-02T10:00:00.000Z'),
      image('b', '2026-01-02T10:00:00.000Z'),
      image('c', '2026-01-02T09:00:00.000Z'),
      image('d', '2026-01-02T09:00:00.000Z', 'another prompt')
    ]);
    expect(batches.map((batch) => [batch.id, batch.images.map((one) => one.id)])).toEqual([
      ['a', ['a', 'b']],
      ['c', ['c']],
      ['d', ['d']]
    ]);
  });

  it('gives nothing for no images', () => {
    expect(groupIntoBatches([])).toEqual([]);
  });
});

describe('batchColumns', () => {
  it('lays four out 2×2 and never leaves a lone image on a row of ten or fewer', () => {
    const columns = Array.from({ length: 10 }, (_, index) => batchColumns(index + 1));
    expect(columns).toEqual([1, 2, 3, 2, 3, 3, 4, 4, 5, 5]);
    for (let count = 2; count <= 10; count++) expect(count % batchColumns(count)).not.toBe(1);
  });
});
