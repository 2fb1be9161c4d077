import { describe, expect, it } from 'vitest';
import { LibrarySelection } from './library-selection.svelte';

const order = ['a', 'b', 'c', 'd', 'e'];

describe(LibrarySelection.name, () => {
  it('should select the range from the last toggled image to a shift-clicked one, either direction', () => {
    const sut = new LibrarySelection();
    sut.toggle('d');
    sut.extendTo(order, 'b');
    expect(sut.inOrder(order)).toEqual(['b', 'c', 'd']);
    sut.extendTo(order, 'e');
    expect(sut.inOrder(order)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('should start a range at the clicked image when nothing was toggled yet', () => {
    const sut = new LibrarySelection();
    sut.extendTo(order, 'c');
    expect(sut.inOrder(order)).toEqual(['c']);
    expect(sut.anchor).toBe('c');
  });

  it('should toggle an image off again and count what is selected', () => {
    const sut = new LibrarySelection();
    sut.toggle('a');
    sut.toggle('b');
    sut.toggle('a');
    expect(sut.count).toBe(1);
    expect(sut.has('a')).toBe(false);
  });

  it('should select all loaded images and clear them with the anchor', () => {
    const sut = new LibrarySelection();
    sut.toggle('c');
    sut.selectAll(order);
    expect(sut.count).toBe(5);
    sut.clear();
    expect(sut.count).toBe(0);
    expect(sut.anchor).toBeNull();
  });

  it('should forget images that left the listing', () => {
    const sut = new LibrarySelection();
    sut.selectAll(order);
    sut.keepOnly(['a', 'e']);
    expect(sut.inOrder(order)).toEqual(['a', 'e']);
  });
});
