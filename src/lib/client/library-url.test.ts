import { describe, expect, it } from 'vitest';
import { isFiltered, librarySearch } from './library-url';

describe(librarySearch.name, () => {
  it('should write every field under its images.search name, in a fixed order', () => {
    expect(
      librarySearch({
        text: 'red lighthouse',
        sort: 'costliest',
        favorite: true,
        provider: 'local',
        trash: false,
        hasParent: false
      })
    ).toBe('?favorite=true&hasParent=false&provider=local&sort=costliest&text=red+lighthouse');
  });

  it('should leave out defaults and empty fields so the plain library is a bare /library', () => {
    expect(librarySearch({ sort: 'newest', trash: false, text: '', model: undefined })).toBe('');
    expect(librarySearch({ sort: 'newest', trash: true })).toBe('?trash=true');
  });
});

describe(isFiltered.name, () => {
  it('should count filters and search text but not what picks the view (sort, trash, collection)', () => {
    expect(isFiltered({ sort: 'oldest', trash: true })).toBe(false);
    expect(isFiltered({ sort: 'newest', trash: false, collectionId: '0b7c7a52-4a58-4d5e-9f55-3c1f8f6b1a10' })).toBe(
      false
    );
    expect(isFiltered({ sort: 'newest', trash: false, size: '512x512' })).toBe(true);
  });
});
