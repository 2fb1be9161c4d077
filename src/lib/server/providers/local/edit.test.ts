import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { decodeRgba } from '../../images';
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

const WIDTH = 72;
const HEIGHT = 40;
const SOURCE = colourfulPixels(WIDTH, HEIGHT);

/** White (change) where `changes` says, black elsewhere; `level` is the grey of the changed area. */
function maskPixels(changes: (x: number, y: number) => boolean, level = 255): Uint8Array {
  return paint(WIDTH, HEIGHT, (x, y) => (changes(x, y) ? [level, level, level, 255] : [0, 0, 0, 255]));
}

const leftHalf = (x: number) => x < WIDTH / 2;

async function editCall(call: Partial<EditCall> & Pick<EditCall, 'operation'>): Promise<EditCall> {
  return { model: 'procedural-v1', image: await inputImage(SOURCE, WIDTH, HEIGHT), count: 1, seed: 5, ...call };
}

async function inpaintCall(mask: Uint8Array, call: Partial<EditCall> = {}): Promise<EditCall> {
  return editCall({ operation: 'inpaint', mask: await inputImage(mask, WIDTH, HEIGHT), ...call });
}

function edit(call: EditCall) {
  const sut = createLocalProvider();
  if (!sut.edit) throw new Error('the local provider has no edit');
  return sut.edit(call);
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason
  );
}

const pixelsWhere = (pixels: Uint8Array, keep: (x: number) => boolean) =>
  pixels.filter((_, index) => keep((index >> 2) % WIDTH));

describe('local inpaint', () => {
  it('should keep every unmasked pixel byte for byte and change the masked ones', async () => {
    const [result] = await outputPixels(await edit(await inpaintCall(maskPixels(leftHalf))));

    expect(pixelsWhere(result!, (x) => !leftHalf(x))).toStrictEqual(pixelsWhere(SOURCE, (x) => !leftHalf(x)));
    expect(meanAbsoluteDifference(pixelsWhere(result!, leftHalf), pixelsWhere(SOURCE, leftHalf))).toBeGreaterThan(10);
  });

  it("should fill with the prompt's own render where the mask is white", async () => {
    const call = await inpaintCall(
      maskPixels(() => true),
      { prompt: 'deep blue ocean' }
    );
    const generated = await createLocalProvider().generate({
      model: 'procedural-v1',
      prompt: 'deep blue ocean',
      width: WIDTH,
      height: HEIGHT,
      count: 1,
      seed: 5
    });

    const [filled] = await outputPixels(await edit(call));
    const [render] = await outputPixels(generated);
    expect(filled).toStrictEqual(render);
  });

  it('should blend the fill and the source where the mask is grey', async () => {
    const call = await inpaintCall(
      maskPixels(() => true, 128),
      { prompt: 'deep blue ocean' }
    );
    const fullCall = await inpaintCall(
      maskPixels(() => true),
      { prompt: 'deep blue ocean' }
    );

    const [blended] = await outputPixels(await edit(call));
    const [fill] = await outputPixels(await edit(fullCall));
    const expected = SOURCE.map((value, index) => Math.round(value + ((fill![index]! - value) * 128) / 255));
    expect(meanAbsoluteDifference(blended!, expected)).toBeLessThan(0.01);
    expect(meanAbsoluteDifference(blended!, SOURCE)).toBeGreaterThan(5);
    expect(meanAbsoluteDifference(blended!, fill!)).toBeGreaterThan(5);
  });

  it('should repeat the same seed and differ between seeds, one seed per image', async () => {
    const mask = maskPixels(leftHalf);

    const first = await edit(await inpaintCall(mask, { seed: 7, count: 3 }));
    const again = await edit(await inpaintCall(mask, { seed: 7 }));

    expect(first.images.map((image) => image.seed)).toStrictEqual([7, 8, 9]);
    expect(Buffer.from(again.images[0]!.bytes).equals(Buffer.from(first.images[0]!.bytes))).toBe(true);
    const distinct = new Set(first.images.map((image) => Buffer.from(image.bytes).toString('base64')));
    expect(distinct.size).toBe(3);
  });

  it("should fill an outpainted (transparent) area opaquely in the kept area's colours", async () => {
    const kept = (x: number) => x < 24;
    const canvas = paint(WIDTH, HEIGHT, (x, y) => (kept(x) ? [200 + (y % 20), 60 + (x % 30), 40, 255] : [0, 0, 0, 0]));
    const call = await editCall({
      operation: 'inpaint',
      image: await inputImage(canvas, WIDTH, HEIGHT),
      mask: await inputImage(
        maskPixels((x) => !kept(x)),
        WIDTH,
        HEIGHT
      )
    });

    const [result] = await outputPixels(await edit(call));

    const filled = (pixel: number) => !kept(pixel % WIDTH);
    expect(
      pixelsWhere(result!, (x) => filled(x))
        .filter((_, index) => index % 4 === 3)
        .every((alpha) => alpha === 255)
    ).toBe(true);
    const keptColours = channelStatistics(canvas, (pixel) => kept(pixel % WIDTH));
    const fillColours = channelStatistics(result!, filled);
    fillColours.forEach((channel, index) => expect(Math.abs(channel.mean - keptColours[index]!.mean)).toBeLessThan(20));
  });

  it('should inpaint an image of any size', async () => {
    const image = await inputImage(colourfulPixels(33, 71), 33, 71);
    const mask = await inputImage(
      paint(33, 71, (x) => (x > 10 ? [255, 255, 255, 255] : [0, 0, 0, 255])),
      33,
      71
    );

    const result = await edit(await editCall({ operation: 'inpaint', image, mask }));

    const { width, height } = await decodeRgba(result.images[0]!.bytes);
    expect([width, height]).toStrictEqual([33, 71]);
  });

  it('should refuse an inpaint without a mask', async () => {
    const error = await rejectionOf(edit(await editCall({ operation: 'inpaint' })));

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'validation', message: 'procedural-v1 cannot work without: mask.' });
  });

  it('should warn about every input it ignores', async () => {
    const result = await edit(
      await inpaintCall(maskPixels(leftHalf), {
        strength: 0.3,
        searchPrompt: 'a cat',
        negativePrompt: 'blurry',
        outputFormat: 'webp'
      })
    );

    expect(result.warnings).toStrictEqual([
      { type: 'unsupported', setting: 'negativePrompt', details: 'procedural-v1 ignores negativePrompt.' },
      { type: 'unsupported', setting: 'outputFormat', details: 'procedural-v1 ignores outputFormat.' },
      { type: 'other', message: 'procedural-v1 takes no search prompt; it was not sent.' },
      { type: 'other', message: 'procedural-v1 takes no strength (creativity); it was not sent.' }
    ]);
    expect(result.costUsd).toBe(0);
  });
});

describe('local variation', () => {
  it('should return the source at strength 0 and a new picture at strength 1', async () => {
    const [unchanged] = await outputPixels(await edit(await editCall({ operation: 'variation', strength: 0 })));
    const [renewed] = await outputPixels(await edit(await editCall({ operation: 'variation', strength: 1 })));
    const [halfway] = await outputPixels(await edit(await editCall({ operation: 'variation' })));

    expect(unchanged).toStrictEqual(SOURCE);
    const departure = meanAbsoluteDifference(renewed!, SOURCE);
    expect(departure).toBeGreaterThan(15);
    expect(meanAbsoluteDifference(halfway!, SOURCE)).toBeCloseTo(departure / 2, 0);
  });

  it('should keep the source size and give each image its own seed', async () => {
    const image = await inputImage(colourfulPixels(50, 90), 50, 90);

    const result = await edit(await editCall({ operation: 'variation', image, count: 2, seed: 11 }));

    expect(result.images.map((produced) => produced.seed)).toStrictEqual([11, 12]);
    const sizes = await Promise.all(result.images.map(async (produced) => decodeRgba(produced.bytes)));
    expect(sizes.map(({ width, height }) => `${width}x${height}`)).toStrictEqual(['50x90', '50x90']);
    expect(Buffer.from(result.images[0]!.bytes).equals(Buffer.from(result.images[1]!.bytes))).toBe(false);
  });

  it('should refuse a mask, which would change only part of the image', async () => {
    const call = await editCall({
      operation: 'variation',
      mask: await inputImage(maskPixels(leftHalf), WIDTH, HEIGHT)
    });

    expect(await rejectionOf(edit(call))).toMatchObject({ kind: 'validation' });
  });
});

describe('local edit dispatch', () => {
  it('should refuse an operation the model cannot do, naming the model that can', async () => {
    const restyle = await rejectionOf(edit(await editCall({ operation: 'style', style: 'noir' })));
    const inpaint = await rejectionOf(edit(await inpaintCall(maskPixels(leftHalf), { model: 'color-transfer' })));

    expect(restyle).toMatchObject({
      kind: 'unsupported',
      message: 'procedural-v1 cannot do style; use color-transfer.'
    });
    expect(inpaint).toMatchObject({
      kind: 'unsupported',
      message: 'color-transfer cannot do inpaint; use procedural-v1.'
    });
  });

  it('should refuse to generate with the colour transfer, which only recolours', async () => {
    const call = { model: 'color-transfer', prompt: 'a lighthouse', width: 64, height: 64, count: 1 };

    const error = await rejectionOf(createLocalProvider().generate(call));

    expect(error).toMatchObject({
      kind: 'unsupported',
      message: 'color-transfer cannot do generate; use procedural-v1.'
    });
  });
});
