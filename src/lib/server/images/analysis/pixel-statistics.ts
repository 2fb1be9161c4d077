import { openImage, toImageError } from '../sharp';
import { nameColour } from './colour-names';

/** One dominant colour: `#rrggbb`, its share of the opaque pixels (0–1) and a plain name. */
export type MeasuredColour = { hex: string; share: number; name: string };

export type PixelStatistics = {
  width: number;
  height: number;
  /** Mean perceived lightness (CIE L*) of the opaque pixels, 0 black – 1 white. */
  brightness: number;
  /** RMS contrast: the lightness's standard deviation over its largest possible value, 0–1. */
  contrast: number;
  /**
   * Standard deviation of the lightness's Laplacian at the working size, over 100: 0 for a flat image,
   * 0.015–0.05 for the local renderer's 512² images and 0.003–0.005 for the same blurred (σ 2).
   */
  sharpness: number;
  /** Dominant colours, largest share first. */
  palette: MeasuredColour[];
};

/**
 * Every measure is taken on a copy no larger than this on its long edge: the cost stays flat for large
 * images, and images of different sizes are compared at the same scale.
 */
const WORKING_SIZE = 512;
/** Colours are counted in bins of 8 levels per channel, then bins whose colours are this close merge. */
const BIN_SHIFT = 5;
const MERGE_DISTANCE = 48;
const MAX_COLOURS = 5;
const MIN_SHARE = 0.03;

type Bin = { count: number; red: number; green: number; blue: number };

/** Brightness, contrast, sharpness and the dominant palette of an image, measured from its pixels. */
export async function measurePixels(bytes: Uint8Array): Promise<PixelStatistics> {
  try {
    const image = openImage(bytes).autoOrient();
    const { width, height } = (await image.metadata()).autoOrient;
    const { data, info } = await image
      .resize(WORKING_SIZE, WORKING_SIZE, { fit: 'inside', withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const lightness = lightnessOf(data);
    return {
      width,
      height,
      ...toneOf(lightness, data),
      sharpness: round4(laplacianDeviation(lightness, info.width, info.height) / 100),
      palette: paletteOf(data)
    };
  } catch (error) {
    throw toImageError(error);
  }
}

/** sRGB channel value → linear light, for the 256 possible values. */
const LINEAR = Array.from({ length: 256 }, (_, value) => {
  const channel = value / 255;
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
});

/**
 * Perceived lightness (CIE L*, 0–100) of each pixel over black, transparent pixels counting as black:
 * pure red reads as a middle tone, as people see it, where plain luma would call it dark.
 */
function lightnessOf(rgba: Uint8Array): Float32Array {
  const lightness = new Float32Array(rgba.length / 4);
  for (let pixel = 0; pixel < lightness.length; pixel++) {
    const at = pixel * 4;
    const luminance =
      ((0.2126 * LINEAR[rgba[at]!]! + 0.7152 * LINEAR[rgba[at + 1]!]! + 0.0722 * LINEAR[rgba[at + 2]!]!) *
        rgba[at + 3]!) /
      255;
    lightness[pixel] = luminance > 0.008856 ? 116 * Math.cbrt(luminance) - 16 : 903.3 * luminance;
  }
  return lightness;
}

/** Brightness and contrast of the opaque pixels (all pixels when none is opaque). */
function toneOf(lightness: Float32Array, rgba: Uint8Array): { brightness: number; contrast: number } {
  let count = 0;
  let sum = 0;
  let squares = 0;
  const anyOpaque = hasOpaquePixel(rgba);
  for (let pixel = 0; pixel < lightness.length; pixel++) {
    if (anyOpaque && rgba[pixel * 4 + 3]! < 128) continue;
    const value = lightness[pixel]!;
    count++;
    sum += value;
    squares += value * value;
  }
  const mean = sum / count;
  const deviation = Math.sqrt(Math.max(0, squares / count - mean * mean));
  return { brightness: round3(mean / 100), contrast: round3(Math.min(1, deviation / 50)) };
}

function hasOpaquePixel(rgba: Uint8Array): boolean {
  for (let at = 3; at < rgba.length; at += 4) if (rgba[at]! >= 128) return true;
  return false;
}

function laplacianDeviation(lightness: Float32Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let count = 0;
  let sum = 0;
  let squares = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const at = y * width + x;
      const value =
        lightness[at - 1]! + lightness[at + 1]! + lightness[at - width]! + lightness[at + width]! - 4 * lightness[at]!;
      count++;
      sum += value;
      squares += value * value;
    }
  }
  const mean = sum / count;
  return Math.sqrt(Math.max(0, squares / count - mean * mean));
}

/** The opaque pixels' dominant colours: binned, near bins merged, the largest kept. */
function paletteOf(rgba: Uint8Array): MeasuredColour[] {
  const bins = new Map<number, Bin>();
  let opaque = 0;
  for (let at = 0; at < rgba.length; at += 4) {
    if (rgba[at + 3]! < 128) continue;
    const [red, green, blue] = [rgba[at]!, rgba[at + 1]!, rgba[at + 2]!];
    const key = ((red >> BIN_SHIFT) << 6) | ((green >> BIN_SHIFT) << 3) | (blue >> BIN_SHIFT);
    const bin = bins.get(key) ?? { count: 0, red: 0, green: 0, blue: 0 };
    bin.count++;
    bin.red += red;
    bin.green += green;
    bin.blue += blue;
    bins.set(key, bin);
    opaque++;
  }
  return mergeNearBins([...bins.values()].sort((a, b) => b.count - a.count))
    .map((bin) => ({ bin, share: bin.count / opaque }))
    .filter(({ share }) => share >= MIN_SHARE)
    .slice(0, MAX_COLOURS)
    .map(({ bin, share }) => {
      const [red, green, blue] = [bin.red, bin.green, bin.blue].map((total) => Math.round(total / bin.count));
      return { hex: toHex(red!, green!, blue!), share: round3(share), name: nameColour(red!, green!, blue!) };
    });
}

/** Folds each bin into the first larger one whose mean colour is within `MERGE_DISTANCE`. */
function mergeNearBins(sorted: Bin[]): Bin[] {
  const merged: Bin[] = [];
  for (const bin of sorted) {
    const near = merged.find((kept) => colourDistance(kept, bin) <= MERGE_DISTANCE);
    if (!near) {
      merged.push({ ...bin });
      continue;
    }
    near.count += bin.count;
    near.red += bin.red;
    near.green += bin.green;
    near.blue += bin.blue;
  }
  return merged.sort((a, b) => b.count - a.count);
}

function colourDistance(a: Bin, b: Bin): number {
  return Math.hypot(
    a.red / a.count - b.red / b.count,
    a.green / a.count - b.green / b.count,
    a.blue / a.count - b.blue / b.count
  );
}

const toHex = (red: number, green: number, blue: number) =>
  `#${[red, green, blue].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;

const round3 = (value: number) => Math.round(value * 1000) / 1000;
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
