import { describe, expect, it } from 'vitest';
import { makeSampleImage } from '../__fixtures__/sample-images';
import { sharp } from '../sharp';
import { aspectRatioOf } from './aspect-ratio';
import { nameColour } from './colour-names';
import { measurePixels } from './pixel-statistics';

async function solid(colour: string, width = 64, height = 64): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: colour } })
      .png()
      .toBuffer()
  );
}

describe('measurePixels', () => {
  it('should find one red colour covering a solid red image, flat and of middle brightness', async () => {
    const stats = await measurePixels(await solid('#ff0000', 300, 200));

    expect(stats.palette).toStrictEqual([{ hex: '#ff0000', share: 1, name: 'red' }]);
    expect(stats).toMatchObject({ width: 300, height: 200, contrast: 0, sharpness: 0 });
    expect(stats.brightness).toBeCloseTo(0.532, 2);
  });

  it('should list a red disc on blue as blue first, then red, with shares summing to about 1', async () => {
    const { palette } = await measurePixels(await makeSampleImage('png'));

    expect(palette.map((colour) => colour.name)).toStrictEqual(['blue', 'red']);
    expect(palette[0]!.share).toBeGreaterThan(palette[1]!.share);
    expect(palette[0]!.share + palette[1]!.share).toBeGreaterThan(0.97);
  });

  it('should score a blurred copy less sharp than its source', async () => {
    const source = await makeSampleImage('png', 512, 512);
    const blurred = new Uint8Array(await sharp(source).blur(4).png().toBuffer());

    const [sharpStats, blurredStats] = await Promise.all([measurePixels(source), measurePixels(blurred)]);

    expect(blurredStats.sharpness).toBeLessThan(sharpStats.sharpness / 2);
    expect(blurredStats.palette[0]!.name).toBe('blue');
  });

  it('should tell black from white by brightness and a half-black, half-white image by contrast', async () => {
    const halves = new Uint8Array(
      await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000000' } })
        .composite([{ input: Buffer.from(await solid('#ffffff', 32, 64)), left: 32, top: 0 }])
        .png()
        .toBuffer()
    );

    const [black, white, split] = await Promise.all([
      measurePixels(await solid('#000000')),
      measurePixels(await solid('#ffffff')),
      measurePixels(halves)
    ]);

    expect([black.brightness, white.brightness]).toStrictEqual([0, 1]);
    expect(split.contrast).toBeCloseTo(1, 2);
    expect(split.palette.map((colour) => [colour.name, colour.share])).toStrictEqual([
      ['black', 0.5],
      ['white', 0.5]
    ]);
  });

  it('should measure only the opaque pixels of a transparent image', async () => {
    const half = new Uint8Array(
      await sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
        .composite([{ input: Buffer.from(await solid('#00ff00', 32, 64)), left: 0, top: 0 }])
        .png()
        .toBuffer()
    );

    const { palette } = await measurePixels(half);

    expect(palette).toStrictEqual([{ hex: '#00ff00', share: 1, name: 'green' }]);
  });

  it('should refuse bytes that are not an image as validation', async () => {
    await expect(measurePixels(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ kind: 'validation' });
  });
});

describe('aspectRatioOf', () => {
  it.each([
    [1920, 1080, '16:9'],
    [1024, 1024, '1:1'],
    [1024, 1536, '2:3'],
    [2560, 1080, '2.37:1'],
    [1000, 667, '1.5:1'],
    [667, 1000, '1:1.5']
  ])('should call %i×%i %s', (width, height, ratio) => {
    expect(aspectRatioOf(width, height)).toBe(ratio);
  });
});

describe('nameColour', () => {
  it.each([
    [[255, 0, 0], 'red'],
    [[255, 140, 0], 'orange'],
    [[120, 70, 20], 'brown'],
    [[250, 220, 30], 'yellow'],
    [[30, 160, 60], 'green'],
    [[20, 160, 170], 'teal'],
    [[30, 60, 200], 'blue'],
    [[120, 40, 180], 'purple'],
    [[255, 170, 200], 'pink'],
    [[128, 128, 128], 'grey'],
    [[5, 5, 10], 'black'],
    [[250, 250, 250], 'white']
  ] as const)('should name %j %s', ([red, green, blue], name) => {
    expect(nameColour(red, green, blue)).toBe(name);
  });
});
