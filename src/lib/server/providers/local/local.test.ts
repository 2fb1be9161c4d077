import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { decodeRgba, inspectImage } from '../../images';
import type { GenerateCall } from '../types';
import { createLocalProvider } from './index';

const baseCall: GenerateCall = {
  model: 'procedural-v1',
  prompt: 'a red sunset over the ocean',
  width: 256,
  height: 256,
  count: 1,
  seed: 42
};

async function generateOne(call: Partial<GenerateCall> = {}) {
  const result = await createLocalProvider().generate({ ...baseCall, ...call });
  const image = result.images[0];
  if (!image) throw new Error('expected one image');
  return image;
}

async function meanAbsoluteDifference(first: Uint8Array, second: Uint8Array): Promise<number> {
  const [a, b] = await Promise.all([decodeRgba(first), decodeRgba(second)]);
  let total = 0;
  for (let index = 0; index < a.pixels.length; index++) total += Math.abs(a.pixels[index]! - b.pixels[index]!);
  return total / a.pixels.length;
}

async function meanChannels(bytes: Uint8Array) {
  const { pixels } = await decodeRgba(bytes);
  const sums = [0, 0, 0];
  for (let index = 0; index < pixels.length; index += 4) {
    sums[0]! += pixels[index]!;
    sums[1]! += pixels[index + 1]!;
    sums[2]! += pixels[index + 2]!;
  }
  const [red, green, blue] = sums.map((sum) => sum / (pixels.length / 4));
  return { red: red!, green: green!, blue: blue! };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason
  );
}

describe(createLocalProvider.name, () => {
  it('should describe itself honestly as a free procedural renderer', () => {
    const sut = createLocalProvider();

    const [model] = sut.models;
    expect([sut.id, sut.defaultModel, sut.kind]).toStrictEqual([
      'local',
      'procedural-v1',
      'procedural offline renderer — not a diffusion model'
    ]);
    expect(model?.description).toMatch(/not a diffusion model/);
    expect(model?.price.perImageUsd({ width: 1024, height: 1024 })).toBe(0);
  });

  it('should return identical PNG bytes for the same prompt, seed, size and style', async () => {
    const first = await generateOne();
    const second = await generateOne();

    expect(first.mediaType).toBe('image/png');
    expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
  });

  it('should render visibly different images for different prompts', async () => {
    const sunset = await generateOne({ prompt: 'a red sunset over the ocean' });
    const forest = await generateOne({ prompt: 'a quiet forest at night' });

    expect(await meanAbsoluteDifference(sunset.bytes, forest.bytes)).toBeGreaterThan(15);
  });

  it('should render visibly different images for different seeds', async () => {
    const first = await generateOne({ seed: 1 });
    const second = await generateOne({ seed: 2 });

    expect(await meanAbsoluteDifference(first.bytes, second.bytes)).toBeGreaterThan(8);
  });

  it('should let colour words steer the palette', async () => {
    const red = await meanChannels((await generateOne({ prompt: 'red roses' })).bytes);
    const ocean = await meanChannels((await generateOne({ prompt: 'deep blue ocean' })).bytes);

    expect(red.red).toBeGreaterThan(red.blue);
    expect(ocean.blue).toBeGreaterThan(ocean.red);
  });

  it('should tell apart prompts made only of symbols', async () => {
    const sunrise = await generateOne({ prompt: '🌅' });
    const cat = await generateOne({ prompt: '🐱' });

    expect(await meanAbsoluteDifference(sunrise.bytes, cat.bytes)).toBeGreaterThan(15);
  });

  it('should ignore case and spacing in the prompt', async () => {
    const plain = await generateOne({ prompt: 'misty forest' });
    const shouted = await generateOne({ prompt: '  MISTY   Forest ' });

    expect(Buffer.from(plain.bytes).equals(Buffer.from(shouted.bytes))).toBe(true);
  });

  it.each([
    [512, 512],
    [1024, 768],
    [1024, 1792]
  ])('should render the requested size %i×%i', async (width, height) => {
    const image = await generateOne({ width, height });

    const info = await inspectImage(image.bytes);
    expect([info.format, info.width, info.height]).toStrictEqual(['png', width, height]);
  });

  it('should render `count` distinct images with consecutive seeds', async () => {
    const result = await createLocalProvider().generate({ ...baseCall, count: 3, seed: 100 });

    expect(result.images.map((image) => image.seed)).toStrictEqual([100, 101, 102]);
    const distinct = new Set(result.images.map((image) => Buffer.from(image.bytes).toString('base64')));
    expect(distinct.size).toBe(3);
    expect(result.costUsd).toBe(0);
  });

  it('should report a chosen seed that reproduces the image when none is given', async () => {
    const unseeded = await createLocalProvider().generate({ ...baseCall, seed: undefined, count: 2 });
    const second = unseeded.images[1];
    if (second?.seed === undefined) throw new Error('expected a reported seed');

    const replay = await generateOne({ seed: second.seed });

    expect(Buffer.from(replay.bytes).equals(Buffer.from(second.bytes))).toBe(true);
  });

  it('should take the seed for unseeded calls from the injected source', async () => {
    const sut = createLocalProvider({ randomSeed: () => 7 });

    const result = await sut.generate({ ...baseCall, seed: undefined });

    expect(result.images.map((image) => image.seed)).toStrictEqual([7]);
  });

  it('should warn about every setting it cannot honour, and nothing else', async () => {
    const result = await createLocalProvider().generate({
      ...baseCall,
      negativePrompt: 'blurry',
      steps: 30,
      cfgScale: 7,
      quality: 'hd',
      style: 'pastel'
    });

    expect(result.warnings).toStrictEqual([
      { type: 'unsupported', setting: 'negativePrompt', details: 'procedural-v1 ignores negativePrompt.' },
      { type: 'unsupported', setting: 'steps', details: 'procedural-v1 ignores steps.' },
      { type: 'unsupported', setting: 'cfgScale', details: 'procedural-v1 ignores cfgScale.' },
      { type: 'unsupported', setting: 'quality', details: 'procedural-v1 ignores quality.' }
    ]);
    expect(result.images).toHaveLength(1);
  });

  it('should not warn when only honoured settings are given', async () => {
    const result = await createLocalProvider().generate({ ...baseCall, negativePrompt: '', style: 'neon' });

    expect(result.warnings).toStrictEqual([]);
  });

  it('should change the palette with the style', async () => {
    const vivid = await generateOne({ style: 'vivid' });
    const pastel = await generateOne({ style: 'pastel' });
    const monochrome = await meanChannels((await generateOne({ style: 'monochrome' })).bytes);

    expect(await meanAbsoluteDifference(vivid.bytes, pastel.bytes)).toBeGreaterThan(40);
    expect(Math.abs(monochrome.red - monochrome.blue)).toBeLessThan(3);
  });

  it('should fall back to the default style with a warning for an unknown style', async () => {
    const result = await createLocalProvider().generate({ ...baseCall, style: 'photographic' });
    const vivid = await generateOne({ style: 'vivid' });

    expect(result.warnings).toStrictEqual([
      {
        type: 'unsupported',
        setting: 'style',
        details:
          'procedural-v1 has no style "photographic"; it knows vivid, natural, pastel, monochrome, neon. The default was used.'
      }
    ]);
    expect(Buffer.from(result.images[0]!.bytes).equals(Buffer.from(vivid.bytes))).toBe(true);
  });

  it('should reject with the abort reason when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    const error = await rejectionOf(createLocalProvider().generate({ ...baseCall, signal: controller.signal }));

    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('should reject when aborted between images of a call', async () => {
    const controller = new AbortController();

    const pending = rejectionOf(createLocalProvider().generate({ ...baseCall, count: 4, signal: controller.signal }));
    setImmediate(() => controller.abort());

    expect(((await pending) as DOMException).name).toBe('AbortError');
  });

  it('should refuse an unknown model as validation, listing its model', async () => {
    const error = await rejectionOf(createLocalProvider().generate({ ...baseCall, model: 'sdxl' }));

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('validation');
    expect((error as AppError).message).toBe(
      'Local (offline) has no model "sdxl". Available models: procedural-v1, color-transfer, esrgan-slim, lanczos.'
    );
  });
});
