import { openImage, sharp, toImageError } from '../sharp';
import { esrganModel, type EsrganModel } from './esrgan-model';
import { encodePng, LANCZOS } from './lanczos';
import type { UpscaleScale } from './types';

/**
 * Tiles of 128 px with 8 px of context on inner sides: the network's working memory stays that of one tile
 * whatever the image size, and the output is stitched in a plain byte buffer, so a 1024² input upscaled 4×
 * stays far below 1 GiB (TensorFlow.js's WebAssembly heap never shrinks; a whole-image run grows it to the
 * size of the output several times over). The 8 px of context hide the seams.
 */
const TILE_SIZE = 128;
const TILE_PADDING = 8;

type Rgb = { pixels: Uint8Array; width: number; height: number };

/** One tile through the network: its RGB pixels upscaled, as floats in 0..255. */
async function upscaleTile(model: EsrganModel, tile: Int32Array, width: number, height: number) {
  const input = model.tf.tensor3d(tile, [height, width, 3], 'int32');
  try {
    const output = await model.upscaler.execute(input, { output: 'tensor' });
    try {
      return await output.data();
    } finally {
      output.dispose();
    }
  } finally {
    input.dispose();
  }
}

/** The RGB pixels of `image` upscaled `scale`×, tile by tile. */
async function upscaleTiles(model: EsrganModel, image: Rgb, scale: UpscaleScale): Promise<Uint8ClampedArray> {
  const outWidth = image.width * scale;
  // Clamped: the network's floats are rounded and kept within 0..255.
  const output = new Uint8ClampedArray(outWidth * image.height * scale * 3);
  for (const row of model.patches([image.width, image.height], TILE_SIZE, TILE_PADDING)) {
    for (const { pre, post } of row) {
      const [top, left] = pre.origin;
      const [height, width] = pre.size;
      const tile = new Int32Array(width * height * 3);
      for (let y = 0; y < height; y++) {
        const start = ((top + y) * image.width + left) * 3;
        tile.set(image.pixels.subarray(start, start + width * 3), y * width * 3);
      }
      const upscaled = await upscaleTile(model, tile, width, height);
      const tileWidth = width * scale;
      const [keepTop, keepLeft] = post.origin.map((value) => value * scale) as [number, number];
      const [keepHeight, keepWidth] = post.size.map((value) => value * scale) as [number, number];
      for (let y = 0; y < keepHeight; y++) {
        const from = ((keepTop + y) * tileWidth + keepLeft) * 3;
        const to = ((top * scale + keepTop + y) * outWidth + left * scale + keepLeft) * 3;
        output.set(upscaled.subarray(from, from + keepWidth * 3), to);
      }
    }
  }
  return output;
}

/**
 * The network answers its zero-padded image edges with a ripple a few pixels deep; it is made to fall on a
 * mirrored border of this many pixels, cut off afterwards.
 */
export const MIRRORED_BORDER = 8;

/** The upright RGB pixels of `bytes` with the mirrored border, and whether it has an alpha channel. */
async function decodeRgb(bytes: Uint8Array): Promise<{ image: Rgb; hasAlpha: boolean }> {
  try {
    const source = openImage(bytes).autoOrient();
    const { hasAlpha } = await source.metadata();
    const border = MIRRORED_BORDER;
    const { data, info } = await source
      .removeAlpha()
      .extend({ top: border, bottom: border, left: border, right: border, extendWith: 'mirror' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { image: { pixels: data, width: info.width, height: info.height }, hasAlpha };
  } catch (error) {
    throw toImageError(error);
  }
}

/**
 * `bytes` upscaled `scale`× by ESRGAN slim on this thread, as PNG. A transparent image keeps its
 * transparency: its alpha channel is enlarged with Lanczos3 (the network knows only RGB).
 */
export async function upscaleWithEsrgan(bytes: Uint8Array, scale: UpscaleScale): Promise<Uint8Array> {
  const model = await esrganModel(scale);
  const { image, hasAlpha } = await decodeRgb(bytes);
  const raw = { width: image.width * scale, height: image.height * scale, channels: 3 } as const;
  const [left, top] = [MIRRORED_BORDER * scale, MIRRORED_BORDER * scale];
  const [width, height] = [raw.width - 2 * left, raw.height - 2 * top];
  const rgb = sharp(await upscaleTiles(model, image, scale), { raw }).extract({ left, top, width, height });
  if (!hasAlpha) return encodePng(rgb);
  const alpha = await openImage(bytes)
    .autoOrient()
    .extractChannel('alpha')
    .resize(width, height, { kernel: LANCZOS })
    .raw()
    .toBuffer();
  return encodePng(rgb.joinChannel(alpha, { raw: { width, height, channels: 1 } }));
}
