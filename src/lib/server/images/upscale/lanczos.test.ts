import { describe, expect, it } from 'vitest';
import { makeSampleImage } from '../__fixtures__/sample-images';
import { inspectImage } from '../inspect';
import { upscaleWithLanczos } from './lanczos';

describe(upscaleWithLanczos.name, () => {
  it.each([
    [2, 80, 60],
    [4, 160, 120]
  ] as const)('should enlarge a 40×30 JPEG %i× to a %i×%i PNG', async (scale, width, height) => {
    const sut = await upscaleWithLanczos(await makeSampleImage('jpeg', 40, 30), scale);

    expect(await inspectImage(sut)).toMatchObject({ width, height, format: 'png' });
  });
});
