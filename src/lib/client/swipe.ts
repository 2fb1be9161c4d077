import type { Attachment } from 'svelte/attachments';

/** How far a finger must travel sideways, in CSS pixels, before a drag counts as a swipe. */
const MIN_DISTANCE = 48;

export type Point = { x: number; y: number };

/** A mostly horizontal drag far enough is a swipe; anything else (a tap, a vertical scroll, a short drag) is not. */
export function swipeDirection(start: Point, end: Point): 'left' | 'right' | null {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  if (Math.abs(dx) < MIN_DISTANCE || Math.abs(dx) < 1.5 * Math.abs(dy)) return null;
  return dx < 0 ? 'left' : 'right';
}

/**
 * Calls `onLeft` or `onRight` when a finger or pen swipes across the element (a mouse drags images instead).
 * The element needs `touch-action: pan-y` so the browser leaves sideways moves to the page.
 */
export function swipe(handlers: { onLeft: () => void; onRight: () => void }): Attachment<HTMLElement> {
  return (element) => {
    let start: (Point & { id: number }) | null = null;

    function down(event: PointerEvent) {
      if (event.pointerType === 'mouse' || !event.isPrimary) return;
      start = { x: event.clientX, y: event.clientY, id: event.pointerId };
    }

    function up(event: PointerEvent) {
      if (!start || event.pointerId !== start.id) return;
      const direction = swipeDirection(start, { x: event.clientX, y: event.clientY });
      start = null;
      if (direction === 'left') handlers.onLeft();
      else if (direction === 'right') handlers.onRight();
    }

    function cancel() {
      start = null;
    }

    element.addEventListener('pointerdown', down);
    element.addEventListener('pointerup', up);
    element.addEventListener('pointercancel', cancel);
    return () => {
      element.removeEventListener('pointerdown', down);
      element.removeEventListener('pointerup', up);
      element.removeEventListener('pointercancel', cancel);
    };
  };
}
