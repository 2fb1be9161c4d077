import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { inspectImage } from '../../images';
import { makeSampleImage } from '../../images/__fixtures__/sample-images';
import type { EditCall, InputImage } from '../types';
import { createLocalProvider } from './index';
import { esrganPool } from './upscale-pool';

/** The first ESRGAN call starts a worker, TensorFlow.js and a model: seconds on a busy 2-core machine. */
const NETWORK_TIMEOUT_MS = 120_000;

async function pngInput(width: number, height: number): Promise<InputImage> {
  return { bytes: await makeSampleImage('png', width, height), mediaType: 'image/png', width, height };
}

async function upscale(call: Partial<EditCall> & Pick<EditCall, 'model' | 'image'>) {
  return createLocalProvider().edit!({ operation: 'upscale', count: 1, ...call });
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason
  );
}

describe('local upscale', () => {
  it(
    'should enlarge with ESRGAN on a worker thread, for free',
    async () => {
      const result = await upscale({ model: 'esrgan-slim', image: await pngInput(48, 32), scale: 4 });

      expect(await inspectImage(result.images[0]!.bytes)).toMatchObject({ width: 192, height: 128, format: 'png' });
      expect(result).toMatchObject({ warnings: [], costUsd: 0, providerMetadata: { scale: 4 } });
      expect(esrganPool.threads).toBe(1);
    },
    NETWORK_TIMEOUT_MS
  );

  it.each([
    [undefined, 96, 64],
    [4, 192, 128]
  ] as const)('should enlarge with Lanczos at scale %s to %i×%i', async (scale, width, height) => {
    const result = await upscale({ model: 'lanczos', image: await pngInput(48, 32), scale });

    expect(result.images[0]!.mediaType).toBe('image/png');
    expect(await inspectImage(result.images[0]!.bytes)).toMatchObject({ width, height });
  });

  it('should take an image whose result is exactly 4096×4096', async () => {
    const result = await upscale({ model: 'lanczos', image: await pngInput(1024, 1024), scale: 4 });

    expect(await inspectImage(result.images[0]!.bytes)).toMatchObject({ width: 4096, height: 4096 });
  });

  it.each([
    ['esrgan-slim', 4, 1025, 1024],
    ['lanczos', 2, 2048, 2049]
  ] as const)(
    'should refuse with %s %i× an image of %i×%i, whose result is above the limit',
    async (model, scale, width, height) => {
      const error = await rejectionOf(upscale({ model, image: await pngInput(width, height), scale }));

      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe('validation');
      expect((error as AppError).message).toMatch(
        new RegExp(
          `^Upscaling this ${width}×${height} image ${scale}× would make it ${width * scale}×${height * scale}, above the 16.8 MP limit`
        )
      );
    }
  );

  it('should warn about every input it ignores and refuse a mask', async () => {
    const image = await pngInput(48, 32);

    const result = await upscale({
      model: 'lanczos',
      image,
      prompt: 'sharper',
      strength: 0.4,
      seed: 7,
      outputFormat: 'webp'
    });
    const maskError = await rejectionOf(upscale({ model: 'lanczos', image, mask: image }));

    expect(result.warnings).toStrictEqual([
      { type: 'other', message: 'lanczos takes no prompt; it was not sent.' },
      { type: 'other', message: 'lanczos takes no strength (creativity); it was not sent.' },
      { type: 'unsupported', setting: 'seed', details: 'lanczos ignores seed.' },
      { type: 'unsupported', setting: 'outputFormat', details: 'lanczos ignores outputFormat.' }
    ]);
    expect(maskError).toMatchObject({
      kind: 'validation',
      message: 'lanczos works on the whole image; it takes no mask.'
    });
  });

  it('should refuse the procedural renderer as an upscaler, naming the models that can', async () => {
    const error = await rejectionOf(upscale({ model: 'procedural-v1', image: await pngInput(48, 32) }));

    expect(error).toMatchObject({ kind: 'unsupported', message: expect.stringMatching(/esrgan-slim.*lanczos/) });
  });

  it('should reject with the abort reason without starting when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    const error = await rejectionOf(
      upscale({ model: 'esrgan-slim', image: await pngInput(48, 32), signal: controller.signal })
    );

    expect(error).toBe(controller.signal.reason);
  });

  it(
    'should end the worker of a running ESRGAN upscale on abort, and upscale again afterwards',
    async () => {
      const [tiny, large] = await Promise.all([pngInput(16, 16), pngInput(256, 256)]);
      await upscale({ model: 'esrgan-slim', image: tiny });
      const controller = new AbortController();

      const pending = rejectionOf(upscale({ model: 'esrgan-slim', image: large, scale: 4, signal: controller.signal }));
      setImmediate(() => controller.abort());
      const error = await pending;
      const threadsAfterAbort = esrganPool.threads;
      const next = await upscale({ model: 'esrgan-slim', image: tiny });

      expect(error).toBe(controller.signal.reason);
      expect(threadsAfterAbort).toBe(0);
      expect(await inspectImage(next.images[0]!.bytes)).toMatchObject({ width: 32, height: 32 });
    },
    NETWORK_TIMEOUT_MS
  );
});
