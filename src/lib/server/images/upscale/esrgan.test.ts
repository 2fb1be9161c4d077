import { describe, expect, it } from 'vitest';
import { makeEdgeImage, shrink } from '../__fixtures__/edge-image';
import { decodeRgba } from '../decode';
import { inspectImage } from '../inspect';
import { sharp } from '../sharp';
import { MIRRORED_BORDER, upscaleWithEsrgan } from './esrgan';
import { esrganModel } from './esrgan-model';
import { upscaleWithLanczos } from './lanczos';

/** Networks on a busy 2-core machine: loading TensorFlow.js and a model takes seconds. */
const NETWORK_TIMEOUT_MS = 120_000;

async function luminance(bytes: Uint8Array) {
  const { pixels, width, height } = await decodeRgba(bytes);
  const values = new Float64Array(width * height);
  for (let index = 0; index < values.length; index++) {
    const [red, green, blue] = [pixels[index * 4]!, pixels[index * 4 + 1]!, pixels[index * 4 + 2]!];
    values[index] = 0.299 * red + 0.587 * green + 0.114 * blue;
  }
  return { values, width, height };
}

/** Variance of the 4-neighbour Laplacian of the luminance: the more abrupt the edges, the larger. */
async function laplacianVariance(bytes: Uint8Array): Promise<number> {
  const { values, width, height } = await luminance(bytes);
  const laplacians: number[] = [];
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const at = y * width + x;
      laplacians.push(values[at - 1]! + values[at + 1]! + values[at - width]! + values[at + width]! - 4 * values[at]!);
    }
  }
  const mean = laplacians.reduce((sum, value) => sum + value, 0) / laplacians.length;
  return laplacians.reduce((sum, value) => sum + (value - mean) ** 2, 0) / laplacians.length;
}

/** Peak signal-to-noise ratio of the luminance against the original, in dB: the closer, the larger. */
async function psnr(bytes: Uint8Array, original: Uint8Array): Promise<number> {
  const [image, truth] = await Promise.all([luminance(bytes), luminance(original)]);
  const squaredError = image.values.reduce((sum, value, index) => sum + (value - truth.values[index]!) ** 2, 0);
  return 10 * Math.log10(255 ** 2 / (squaredError / image.values.length));
}

describe(upscaleWithEsrgan.name, () => {
  it.each([2, 4] as const)(
    'should enlarge a 64² image %i× through the real weights, closer to the original than Lanczos',
    async (scale) => {
      const original = await makeEdgeImage(64 * scale);
      const small = await shrink(original, scale);

      const sut = await upscaleWithEsrgan(small, scale);

      const lanczos = await upscaleWithLanczos(small, scale);
      expect(await inspectImage(sut)).toMatchObject({ width: 64 * scale, height: 64 * scale, format: 'png' });
      expect(await psnr(sut, original)).toBeGreaterThan(await psnr(lanczos, original));
    },
    NETWORK_TIMEOUT_MS
  );

  it(
    'should draw sharper edges than Lanczos at 4×',
    async () => {
      const small = await shrink(await makeEdgeImage(256), 4);

      const sut = await upscaleWithEsrgan(small, 4);

      expect(await laplacianVariance(sut)).toBeGreaterThan(
        2 * (await laplacianVariance(await upscaleWithLanczos(small, 4)))
      );
    },
    NETWORK_TIMEOUT_MS
  );

  it(
    'should stitch its tiles into what the network draws from the whole image at once',
    async () => {
      const strip = new Uint8Array(
        await sharp(await makeEdgeImage(240))
          .resize(240, 40, { fit: 'fill' })
          .png()
          .toBuffer()
      );
      const border = MIRRORED_BORDER;
      const { data, info } = await sharp(strip)
        .removeAlpha()
        .extend({ top: border, bottom: border, left: border, right: border, extendWith: 'mirror' })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const { tf, upscaler } = await esrganModel(2);
      const whole = await upscaler.execute(tf.tensor3d(Int32Array.from(data), [info.height, info.width, 3], 'int32'), {
        output: 'tensor'
      });
      const expected = await tf.slice(whole, [2 * border, 2 * border, 0], [80, 480, 3]).data();

      const { pixels } = await decodeRgba(await upscaleWithEsrgan(strip, 2));

      const largestDifference = Array.from(expected).reduce((largest, value, index) => {
        const pixel = Math.floor(index / 3) * 4 + (index % 3);
        return Math.max(largest, Math.abs(Math.min(255, Math.max(0, Math.round(value))) - pixels[pixel]!));
      }, 0);
      expect(largestDifference).toBeLessThanOrEqual(1);
    },
    NETWORK_TIMEOUT_MS
  );

  it(
    'should keep a transparent area transparent',
    async () => {
      const half = await sharp({ create: { width: 32, height: 16, channels: 4, background: '#c0302000' } })
        .extend({ right: 32, background: '#2060c0ff' })
        .png()
        .toBuffer();

      const sut = await upscaleWithEsrgan(new Uint8Array(half), 2);

      const { pixels, width } = await decodeRgba(sut);
      expect(width).toBe(128);
      expect(pixels[(16 * width + 8) * 4 + 3]).toBe(0);
      expect(pixels[(16 * width + 120) * 4 + 3]).toBe(255);
    },
    NETWORK_TIMEOUT_MS
  );
});
