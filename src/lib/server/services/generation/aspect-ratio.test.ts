import { describe, expect, it } from 'vitest';
import { nearestSize } from './aspect-ratio';

const SIZES = ['1024x1024', '256x256', '1536x1024', '1024x1536', '1792x1024', '1024x1792'];

describe('nearestSize', () => {
  it.each([
    ['16:9', '1792x1024'],
    ['9:16', '1024x1792'],
    ['3:2', '1536x1024'],
    ['1:1', '1024x1024'],
    ['21:9', '1792x1024']
  ])('should map %s to %s', (ratio, size) => {
    expect(nearestSize(SIZES, ratio)).toBe(size);
  });
});
