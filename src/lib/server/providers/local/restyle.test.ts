import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { EditCall } from '../types';
import {
  channelStatistics,
  colourfulPixels,
  inputImage,
  meanAbsoluteDifference,
  outputPixels,
  paint
} from './__fixtures__/pixels';
import { createLocalProvider } from './index';
import { LOCAL_MODELS } from './models';

const LOOKS = ['warm-film', 'cool-teal', 'noir', 'sepia', 'pastel', 'vivid'];
const WIDTH = 64;
const HEIGHT = 48;
const SOURCE = colourfulPixels(WIDTH, HEIGHT);

/** A grey ramp from dark to light grey. */
const GREY = paint(WIDTH, HEIGHT, (x) => {
  const level = 90 + Math.round((x * 80) / WIDTH);
  return [level, level, level, 255];
});

/** Warm orange with strong light and shade. */
const ORANGE = paint(WIDTH, HEIGHT, (x, y) => {
  const shade = ((x * 7 + y * 13) % 64) / 63;
  return [Math.round(120 + 135 * shade), Math.round(50 + 110 * shade), Math.round(10 + 40 * shade), 255];
});

/** Standard deviation of the Rec. 709 luma of the sRGB values. */
function lightnessSpread(pixels: Uint8Array): number {
  const luma = pixels.map((_, index) => {
    const pixel = index - (index % 4);
    const value = 0.2126 * pixels[pixel]! + 0.7152 * pixels[pixel + 1]! + 0.0722 * pixels[pixel + 2]!;
    return index % 4 === 3 ? 255 : Math.round(value);
  });
  return channelStatistics(luma)[0]!.spread;
}

async function restyleCall(call: Partial<EditCall> = {}, source = SOURCE): Promise<EditCall> {
  return {
    operation: 'style',
    model: 'color-transfer',
    image: await inputImage(source, WIDTH, HEIGHT),
    count: 1,
    ...call
  };
}

function edit(call: EditCall) {
  const sut = createLocalProvider();
  if (!sut.edit) throw new Error('the local provider has no edit');
  return sut.edit(call);
}

async function restyled(call: EditCall): Promise<Uint8Array> {
  const [pixels] = await outputPixels(await edit(call));
  return pixels!;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason
  );
}

describe('local restyle (color-transfer)', () => {
  it('should list its looks and say what it is', () => {
    const model = LOCAL_MODELS.find((candidate) => candidate.id === 'color-transfer');

    expect(model).toMatchObject({ operations: ['style'], knobs: ['style'], styles: LOOKS, maxImagesPerCall: 1 });
    expect(model?.description).toMatch(/Reinhard colour transfer/);
    expect(model?.description).toMatch(/not a diffusion model/);
    expect(model?.price.perImageUsd({ width: 1024, height: 1024 })).toBe(0);
  });

  it("should move a grey image's colour means and lightness spread toward the style image's", async () => {
    const style = await inputImage(ORANGE, WIDTH, HEIGHT);

    const result = await restyled(await restyleCall({ extraImages: [style] }, GREY));

    const [before, after, target] = [GREY, result, ORANGE].map((pixels) => channelStatistics(pixels));
    target!.forEach((channel, index) => {
      const gapBefore = Math.abs(before![index]!.mean - channel.mean);
      expect(Math.abs(after![index]!.mean - channel.mean)).toBeLessThan(gapBefore / 4);
    });
    const [lightBefore, lightAfter, lightTarget] = [GREY, result, ORANGE].map((pixels) => lightnessSpread(pixels));
    expect(Math.abs(lightAfter! - lightTarget!)).toBeLessThan(Math.abs(lightBefore! - lightTarget!) / 4);
  });

  it.each(LOOKS)('should change the image with the look %s', async (look) => {
    const result = await restyled(await restyleCall({ style: look }));

    expect(meanAbsoluteDifference(result, SOURCE)).toBeGreaterThan(4);
  });

  it('should turn the image black and white with noir', async () => {
    const result = await restyled(await restyleCall({ style: 'noir' }));

    const greyest = Math.max(
      ...Array.from({ length: WIDTH * HEIGHT }, (_, pixel) => {
        const [red, green, blue] = result.subarray(pixel * 4, pixel * 4 + 3);
        return Math.max(red!, green!, blue!) - Math.min(red!, green!, blue!);
      })
    );
    expect(greyest).toBeLessThanOrEqual(2);
  });

  it('should blend with the source by strength', async () => {
    const unchanged = await restyled(await restyleCall({ style: 'sepia', strength: 0 }));
    const full = await restyled(await restyleCall({ style: 'sepia' }));
    const half = await restyled(await restyleCall({ style: 'sepia', strength: 0.5 }));

    expect(unchanged).toStrictEqual(SOURCE);
    expect(meanAbsoluteDifference(half, SOURCE)).toBeCloseTo(meanAbsoluteDifference(full, SOURCE) / 2, 0);
  });

  it('should refuse an unknown look, naming the looks', async () => {
    const error = await rejectionOf(edit(await restyleCall({ style: 'vaporwave' })));

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      kind: 'validation',
      message: `There is no look "vaporwave". Looks: ${LOOKS.join(', ')}.`
    });
  });

  it('should refuse a call with neither a look nor a style image', async () => {
    const error = await rejectionOf(edit(await restyleCall({ prompt: 'impressionist' })));

    expect(error).toMatchObject({
      kind: 'validation',
      message: `color-transfer takes its colours from a style image or a look (${LOOKS.join(', ')}), not from a prompt: give one of them.`
    });
  });

  it('should warn about the inputs it ignores', async () => {
    const style = await inputImage(ORANGE, WIDTH, HEIGHT);

    const result = await edit(
      await restyleCall({ style: 'noir', extraImages: [style, style], prompt: 'oil painting', seed: 3 })
    );

    expect(result.warnings).toStrictEqual([
      { type: 'unsupported', setting: 'seed', details: 'color-transfer ignores seed.' },
      { type: 'other', message: 'color-transfer takes no prompt; it was not sent.' },
      { type: 'other', message: 'The colours came from the style image; the look "noir" was not applied.' },
      { type: 'other', message: 'color-transfer takes one style image; the second was not used.' }
    ]);
  });
});
