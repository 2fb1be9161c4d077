import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARAMETERS_KEYWORD, type GenerationParameters } from '$lib/generation-parameters';
import { writePngText } from '$lib/png-text';
import { readRecallableSettings } from './recall-settings';

const PARAMETERS: GenerationParameters = {
  version: 1,
  prompt: 'a red lighthouse',
  negativePrompt: 'fog',
  provider: 'stability',
  model: 'sd3.5-large',
  size: '1024x1024',
  seed: 42,
  steps: 30,
  cfgScale: 7.5,
  parentImageId: null,
  imageId: '0f8e2a9c-1111-4222-8333-444455556666'
};

let png: Uint8Array;

beforeAll(async () => {
  png = new Uint8Array(
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .png()
      .toBuffer()
  );
});

const fileOf = (bytes: Uint8Array, type = 'image/png') => new Blob([new Uint8Array(bytes)], { type });

describe(readRecallableSettings.name, () => {
  it('should read the settings an Atelier PNG carries', async () => {
    const sut = await readRecallableSettings(
      fileOf(writePngText(png, { [PARAMETERS_KEYWORD]: JSON.stringify(PARAMETERS) }))
    );

    expect(sut).toMatchObject({
      prompt: 'a red lighthouse',
      negativePrompt: 'fog',
      provider: 'stability',
      model: 'sd3.5-large',
      size: '1024x1024',
      seed: 42,
      steps: 30,
      cfgScale: 7.5
    });
  });

  it.each([
    ['a PNG without settings', () => fileOf(png)],
    ['a PNG whose settings are not ours', () => fileOf(writePngText(png, { [PARAMETERS_KEYWORD]: '{"seed":"x"}' }))],
    ['a file that is not a PNG', () => fileOf(new TextEncoder().encode('GIF89a'), '')],
    ['a JPEG', () => fileOf(png, 'image/jpeg')]
  ])('should find nothing to recall in %s', async (_, file) => {
    expect(await readRecallableSettings(file())).toBeNull();
  });
});
