import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGenerationParameters } from '$lib/generation-parameters';
import { readPngText } from '$lib/png-text';
import { createTestDeps, type TestDeps } from '$tests/support/test-deps';
import { createTestUser } from '$tests/support/test-users';
import { createActorCaller } from '../api/root';
import { downloadFileName, downloadImage } from './downloads';

describe(downloadFileName.name, () => {
  const image = { id: '0f8e2a9c-1111-4222-8333-444455556666', seed: 42 };

  it.each([
    ['A red lighthouse at dawn, oil painting', 'png', 'red-lighthouse-dawn-oil-42.png'],
    ['Phare à l’aube — été', 'webp', 'phare-l-aube-ete-42.webp'],
    ['../../etc/passwd"; rm -rf /', 'jpeg', 'etc-passwd-rm-rf-42.jpg'],
    ['灯台 🌊', 'avif', 'image-42.avif'],
    ['supercalifragilisticexpialidocious '.repeat(4), 'png', 'supercalifragilisticexpialidocious-supercalifrag-42.png']
  ] as const)('should name %j as %s', (prompt, format, expected) => {
    expect(downloadFileName({ ...image, prompt }, format)).toBe(expected);
  });

  it('should use the start of the id when there is no seed', () => {
    expect(downloadFileName({ ...image, seed: null, prompt: 'a cat' }, 'png')).toBe('cat-0f8e2a9c.png');
  });
});

describe(downloadImage.name, () => {
  let deps: TestDeps;
  let imageId: string;

  beforeAll(async () => {
    deps = await createTestDeps();
    const { images } = await createActorCaller(deps, deps.actor).images.generate({
      prompt: 'A red lighthouse, 灯台',
      negativePrompt: 'fog',
      size: '256x256',
      seed: 42
    });
    imageId = images[0]!.id;
  });
  afterAll(async () => {
    await deps?.close();
  });

  it('should carry the generation parameters in a PNG download', async () => {
    const sut = await downloadImage(deps, deps.actor, { id: imageId, format: 'png', quality: 85 });

    const texts = readPngText(sut.bytes);
    expect(parseGenerationParameters(texts.atelier!)).toStrictEqual({
      version: 1,
      prompt: 'A red lighthouse, 灯台',
      negativePrompt: 'fog',
      provider: 'local',
      model: 'procedural-v1',
      size: '256x256',
      seed: 42,
      steps: null,
      cfgScale: null,
      parentImageId: null,
      imageId
    });
    expect(texts.parameters).toBe(
      'A red lighthouse, 灯台\nNegative prompt: fog\nSeed: 42, Size: 256x256, Model: procedural-v1, Provider: local'
    );
    expect([sut.fileName, sut.mediaType]).toStrictEqual(['red-lighthouse-42.png', 'image/png']);
  });

  it('should convert to WebP at the quality asked for, without text chunks', async () => {
    const [low, high] = await Promise.all(
      [5, 95].map((quality) => downloadImage(deps, deps.actor, { id: imageId, format: 'webp', quality }))
    );

    expect((await sharp(low!.bytes).metadata()).format).toBe('webp');
    expect(low!.bytes.byteLength).toBeLessThan(high!.bytes.byteLength);
    expect([low!.fileName, low!.mediaType]).toStrictEqual(['red-lighthouse-42.webp', 'image/webp']);
  });

  it("should answer not_found for another user's image", async () => {
    const stranger = await createTestUser(deps);

    await expect(downloadImage(deps, stranger, { id: imageId, format: 'png', quality: 85 })).rejects.toMatchObject({
      kind: 'not_found'
    });
  });
});
