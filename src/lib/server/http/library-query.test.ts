import { describe, expect, it } from 'vitest';
import { libraryQueryFromParams } from './library-query';

describe(libraryQueryFromParams.name, () => {
  it('should read each parameter as the images.search field of the same name', () => {
    const params = new URLSearchParams(
      'text=red+lighthouse&provider=local&favorite=true&hasParent=0&trash=1&seed=42&sort=cheapest&from=2026-11-01&operation=upscale'
    );
    expect(libraryQueryFromParams(params)).toEqual({
      query: {
        text: 'red lighthouse',
        provider: 'local',
        favorite: true,
        hasParent: false,
        trash: true,
        seed: 42,
        sort: 'cheapest',
        from: '2026-11-01',
        operation: 'upscale'
      },
      ignored: []
    });
  });

  it('should drop what does not pass its field and name it, keeping the rest and the defaults', () => {
    const params = new URLSearchParams('size=big&sort=loudest&collectionId=nope&status=completed&limit=5&extra=1');
    expect(libraryQueryFromParams(params)).toEqual({
      query: { status: 'completed', sort: 'newest', trash: false },
      ignored: ['size', 'sort', 'collectionId']
    });
  });
});
