import { describe, expect, it } from 'vitest';
import { swipeDirection } from './swipe';

describe('swipeDirection', () => {
  it('should read a long sideways drag as a swipe towards where the finger went', () => {
    expect(swipeDirection({ x: 300, y: 400 }, { x: 100, y: 420 })).toBe('left');
    expect(swipeDirection({ x: 100, y: 400 }, { x: 300, y: 380 })).toBe('right');
  });

  it('should not read a tap, a short drag or a mostly vertical scroll as a swipe', () => {
    expect(swipeDirection({ x: 200, y: 400 }, { x: 200, y: 400 })).toBeNull();
    expect(swipeDirection({ x: 200, y: 400 }, { x: 160, y: 400 })).toBeNull();
    expect(swipeDirection({ x: 200, y: 400 }, { x: 120, y: 200 })).toBeNull();
  });
});
