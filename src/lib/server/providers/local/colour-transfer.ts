import { BYTE_TO_LINEAR, linearToByte, linearToOklab, oklabToLinear, type Triple } from './colour-space';

/** An RGBA image as Oklab planes: lightness (0…1), a (green − … red +), b (blue − … yellow +). */
export type LabPlanes = [Float32Array, Float32Array, Float32Array];

/** `spread` is the standard deviation. */
export type ChannelStatistics = { mean: number; spread: number };
export type LabStatistics = [ChannelStatistics, ChannelStatistics, ChannelStatistics];
/** What a transfer moves each channel to; a value left out keeps the image's own. */
export type LabTarget = [Partial<ChannelStatistics>, Partial<ChannelStatistics>, Partial<ChannelStatistics>];

/**
 * The smallest spread a channel is scaled from. A grey image's a and b spread only by rounding; stretching
 * that to a colourful target's spread would paint speckles, so such a channel mostly has its mean moved.
 */
const MIN_SPREAD = 0.01;

export function toLabPlanes(pixels: Uint8Array | Uint8ClampedArray): LabPlanes {
  const count = pixels.length / 4;
  const planes: LabPlanes = [new Float32Array(count), new Float32Array(count), new Float32Array(count)];
  const lab: Triple = [0, 0, 0];
  for (let pixel = 0, offset = 0; pixel < count; pixel++, offset += 4) {
    linearToOklab(
      BYTE_TO_LINEAR[pixels[offset]!]!,
      BYTE_TO_LINEAR[pixels[offset + 1]!]!,
      BYTE_TO_LINEAR[pixels[offset + 2]!]!,
      lab
    );
    planes[0][pixel] = lab[0];
    planes[1][pixel] = lab[1];
    planes[2][pixel] = lab[2];
  }
  return planes;
}

/** RGBA pixels of Lab planes (colours outside sRGB clipped), with the alpha of `alphaFrom`. */
function fromLabPlanes(planes: LabPlanes, alphaFrom: Uint8Array | Uint8ClampedArray): Uint8Array {
  const pixels = new Uint8Array(alphaFrom.length);
  const rgb: Triple = [0, 0, 0];
  for (let pixel = 0, offset = 0; offset < pixels.length; pixel++, offset += 4) {
    oklabToLinear(planes[0][pixel]!, planes[1][pixel]!, planes[2][pixel]!, rgb);
    pixels[offset] = linearToByte(rgb[0]);
    pixels[offset + 1] = linearToByte(rgb[1]);
    pixels[offset + 2] = linearToByte(rgb[2]);
    pixels[offset + 3] = alphaFrom[offset + 3]!;
  }
  return pixels;
}

/** How much each pixel counts in the statistics: its opacity, so a transparent area's hidden colour counts for nothing. */
export function opacityWeights(pixels: Uint8Array | Uint8ClampedArray): Float32Array {
  const weights = new Float32Array(pixels.length / 4);
  for (let pixel = 0; pixel < weights.length; pixel++) weights[pixel] = pixels[pixel * 4 + 3]! / 255;
  return weights;
}

function channelStatistics(plane: Float32Array, weights: Float32Array, total: number): ChannelStatistics {
  let sum = 0;
  let sumOfSquares = 0;
  for (let pixel = 0; pixel < plane.length; pixel++) {
    const weighted = weights[pixel]! * plane[pixel]!;
    sum += weighted;
    sumOfSquares += weighted * plane[pixel]!;
  }
  const mean = sum / total;
  return { mean, spread: Math.sqrt(Math.max(0, sumOfSquares / total - mean * mean)) };
}

/** Weighted mean and spread of each channel; when nothing has weight, every pixel counts the same. */
export function labStatistics(planes: LabPlanes, weights: Float32Array): LabStatistics {
  const counted = weights.some((weight) => weight > 0) ? weights : new Float32Array(weights.length).fill(1);
  let total = 0;
  for (let pixel = 0; pixel < counted.length; pixel++) total += counted[pixel]!;
  return [
    channelStatistics(planes[0], counted, total),
    channelStatistics(planes[1], counted, total),
    channelStatistics(planes[2], counted, total)
  ];
}

/**
 * Reinhard et al.'s colour transfer ("Color Transfer between Images", 2001) in Oklab: each channel is shifted
 * and scaled so that its mean and spread (measured with `weights`) become the target's.
 */
export function transferColours(
  pixels: Uint8Array | Uint8ClampedArray,
  target: LabTarget,
  weights: Float32Array = opacityWeights(pixels)
): Uint8Array {
  const planes = toLabPlanes(pixels);
  const source = labStatistics(planes, weights);
  planes.forEach((plane, channel) => {
    const from = source[channel]!;
    const mean = target[channel]?.mean ?? from.mean;
    const spread = target[channel]?.spread;
    const gain = spread === undefined ? 1 : spread / Math.max(from.spread, MIN_SPREAD);
    for (let pixel = 0; pixel < plane.length; pixel++) plane[pixel] = (plane[pixel]! - from.mean) * gain + mean;
  });
  return fromLabPlanes(planes, pixels);
}
