import { describe, expect, it } from 'vitest';
import { batchAnnouncement, shortPrompt, tileName } from './accessible-text';

describe(shortPrompt.name, () => {
  it('should keep a short prompt whole and on one line', () => {
    expect(shortPrompt('a fox\n in  snow')).toBe('a fox in snow');
  });

  it('should cut a long prompt at 60 characters with an ellipsis', () => {
    const cut = shortPrompt('x'.repeat(4000));
    expect(cut).toBe(`${'x'.repeat(60)}…`);
  });
});

describe(tileName.name, () => {
  it('should name the place in the batch and the start of the prompt', () => {
    expect(tileName({ index: 1, of: 4 }, 'a lighthouse at dusk')).toBe('Image 2 of 4: a lighthouse at dusk');
  });

  it('should stay under 90 characters for the longest prompt, with a note', () => {
    const name = tileName({ index: 9, of: 10 }, 'y'.repeat(4000), 'blurred');
    expect(name).toMatch(/^Image 10 of 10 \(blurred\): y+…$/);
    expect(name.length).toBeLessThanOrEqual(90);
  });
});

describe(batchAnnouncement.name, () => {
  it.each([
    [['completed', 'completed', 'completed', 'completed'], '4 images ready'],
    [['completed'], '1 image ready'],
    [['completed', 'failed', 'completed', 'canceled'], '2 images ready, 1 failed, 1 canceled'],
    [['failed', 'failed'], '0 images ready, 2 failed']
  ] as const)('should say %j as "%s"', (statuses, expected) => {
    expect(batchAnnouncement(statuses.map((status) => ({ status })))).toBe(expected);
  });
});
