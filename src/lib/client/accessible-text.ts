import type { Image } from './trpc';

/** How much of a prompt a tile's name repeats: enough to tell tiles apart, short enough to listen to. */
export const NAMED_PROMPT_LENGTH = 60;

/** The prompt's first `length` characters on one line, with an ellipsis when cut. */
export function shortPrompt(prompt: string, length = NAMED_PROMPT_LENGTH): string {
  const line = prompt.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length).trimEnd()}…` : line;
}

/** "Image 2 of 4: a lighthouse…", with what is special about the tile (blurred, failed) before the prompt. */
export function tileName(position: { index: number; of: number }, prompt: string, note?: string): string {
  return `Image ${position.index + 1} of ${position.of}${note ? ` (${note})` : ''}: ${shortPrompt(prompt)}`;
}

function count(images: number): string {
  return `${images} ${images === 1 ? 'image' : 'images'}`;
}

/** What a screen reader hears when a request ends: "4 images ready", "3 images ready, 1 failed". */
export function batchAnnouncement(images: Pick<Image, 'status'>[]): string {
  const ready = images.filter((image) => image.status === 'completed').length;
  const failed = images.filter((image) => image.status === 'failed').length;
  const canceled = images.filter((image) => image.status === 'canceled').length;
  const parts = [`${count(ready)} ready`];
  if (failed) parts.push(`${failed} failed`);
  if (canceled) parts.push(`${canceled} canceled`);
  return parts.join(', ');
}
