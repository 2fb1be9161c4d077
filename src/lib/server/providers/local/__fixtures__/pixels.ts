import { decodeRgba, encodeRgba } from '../../../images';
import type { GenerateResult, InputImage } from '../../types';

type Rgba = readonly [number, number, number, number];

/** Raw RGBA pixels painted by `colourAt`. */
export function paint(width: number, height: number, colourAt: (x: number, y: number) => Rgba): Uint8Array {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(colourAt(x, y), (y * width + x) * 4);
  }
  return pixels;
}

/** A colourful test picture: two crossing gradients and a bright disc. */
export function colourfulPixels(width: number, height: number): Uint8Array {
  return paint(width, height, (x, y) => {
    const disc = Math.hypot(x - width / 3, y - height / 2) < height / 4;
    return disc ? [250, 230, 120, 255] : [(x * 255) / width, 80 + (y * 120) / height, 200 - (x * 150) / width, 255];
  });
}

/** A PNG input image, as the pipeline hands it to a provider. */
export async function inputImage(pixels: Uint8Array, width: number, height: number): Promise<InputImage> {
  return { bytes: await encodeRgba(pixels, width, height, 'png'), mediaType: 'image/png', width, height };
}

/** The decoded pixels of each image a call produced. */
export async function outputPixels(result: GenerateResult): Promise<Uint8Array[]> {
  return Promise.all(result.images.map(async (image) => (await decodeRgba(image.bytes)).pixels));
}

export function meanAbsoluteDifference(first: Uint8Array, second: Uint8Array): number {
  let total = 0;
  for (let index = 0; index < first.length; index++) total += Math.abs(first[index]! - second[index]!);
  return total / first.length;
}

/** Mean and standard deviation of red, green and blue over the pixels `where` accepts. */
export function channelStatistics(pixels: Uint8Array, where: (pixel: number) => boolean = () => true) {
  return [0, 1, 2].map((channel) => {
    const values: number[] = [];
    for (let pixel = 0; pixel < pixels.length / 4; pixel++) {
      if (where(pixel)) values.push(pixels[pixel * 4 + channel]!);
    }
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const spread = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
    return { mean, spread };
  });
}
