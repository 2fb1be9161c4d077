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
  const [red, redX, redY, green, greenY, greenX, blue, blueXor] = [
    at(0),
    (at(1) % 7) + 1,
    at(2) % 5,
    at(3),
    (at(4) % 7) + 1,
    at(5) % 5,
    at(6),
    (at(7) % 3) + 1
  ];
  for (let y = 0, offset = 0; y < height; y++) {
    for (let x = 0; x < width; x++, offset += 4) {
      pixels[offset] = (red + x * redX + y * redY) & 255;
      pixels[offset + 1] = (green + y * greenY + x * greenX) & 255;
      pixels[offset + 2] = (blue + (x ^ y) * blueXor) & 255;
      pixels[offset + 3] = 255;
    }
  }
  return encodeRgba(pixels, width, height, format);
}
