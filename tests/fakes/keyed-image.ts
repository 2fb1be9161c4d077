import { createHash } from 'node:crypto';
import { encodeRgba, type EncodeFormat } from '$lib/server/images';

/**
 * An image whose bytes depend only on `key` (and the size and format asked for), as a model's output
 * depends only on its model, prompt, seed and output index: a re-run with the same key gives identical
 * bytes, any other key a different picture. Colours and slopes of a gradient come from the key's hash.
 */
export function keyedImage(
  key: readonly unknown[],
  width: number,
  height: number,
  format: EncodeFormat
): Promise<Uint8Array> {
  const hash = createHash('sha256').update(JSON.stringify(key)).digest();
  const at = (index: number) => hash[index]!;
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      pixels.set(
        [
          (at(0) + x * ((at(1) % 7) + 1) + y * (at(2) % 5)) & 255,
          (at(3) + y * ((at(4) % 7) + 1) + x * (at(5) % 5)) & 255,
          (at(6) + (x ^ y) * ((at(7) % 3) + 1)) & 255,
          255
        ],
        (y * width + x) * 4
      );
    }
  }
  return encodeRgba(pixels, width, height, format);
}
