import { sharp } from '../sharp';
import type { ImageFormat } from '../formats';

/** A small picture with real detail (a red disc on blue), so codecs produce non-trivial data. */
export async function makeSampleImage(format: ImageFormat, width = 320, height = 200): Promise<Uint8Array> {
  const disc = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#e03020"/></svg>`
  );
  const image = sharp({ create: { width, height, channels: 3, background: '#2050a0' } }).composite([{ input: disc }]);
  const buffer = await image.toFormat(format).toBuffer();
  return new Uint8Array(buffer);
}
