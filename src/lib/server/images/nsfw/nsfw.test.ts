import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderImage } from '../../providers/local/render';
import { encodeRgba } from '../encode';
import { classifyNsfw, loadNsfwModel, NSFW_CLASSES, nsfwScore, type NsfwModel } from '.';

/** Decoding the packaged weights takes seconds on a busy 2-core machine. */
const MODEL_TIMEOUT_MS = 180_000;

/** What the offline provider paints for a prompt (its own pixels, so the test needs no fixture files). */
async function renderedImage(prompt: string, seed: number): Promise<Uint8Array> {
  const [width, height] = [256, 256];
  return encodeRgba(renderImage({ prompt, seed, width, height, style: 'vivid' }), width, height);
}

describe(loadNsfwModel.name, () => {
  let cacheDirectory: string;
  let fromPackage: NsfwModel;

  beforeAll(async () => {
    cacheDirectory = await mkdtemp(join(tmpdir(), 'atelier-nsfw-'));
    fromPackage = await loadNsfwModel(cacheDirectory);
  }, MODEL_TIMEOUT_MS);

  afterAll(() => rm(cacheDirectory, { recursive: true, force: true }));

  it('should load from the package the first time and save model.json and weights.bin for the next', async () => {
    expect(fromPackage.loadedFrom).toBe('package');
    expect((await readdir(cacheDirectory)).sort()).toEqual(['model.json', 'weights.bin']);
  });

  it(
    'should load from the cache once saved, and classify exactly as the packaged model',
    async () => {
      const image = await renderedImage('a lighthouse on a cliff at dusk', 7);

      const sut = await loadNsfwModel(cacheDirectory);

      expect(sut.loadedFrom).toBe('cache');
      expect(await classifyNsfw(sut, image)).toEqual(await classifyNsfw(fromPackage, image));
    },
    MODEL_TIMEOUT_MS
  );

  it(
    'should replace a damaged cache from the package',
    async () => {
      const damaged = await mkdtemp(join(tmpdir(), 'atelier-nsfw-damaged-'));
      try {
        await writeFile(join(damaged, 'model.json'), '{"modelTopology": nul');

        const sut = await loadNsfwModel(damaged);

        expect(sut.loadedFrom).toBe('package');
        expect((await loadNsfwModel(damaged)).loadedFrom).toBe('cache');
      } finally {
        await rm(damaged, { recursive: true, force: true });
      }
    },
    MODEL_TIMEOUT_MS
  );

  it(
    'should load from the package without writing anything when no cache directory is given',
    async () => {
      const sut = await loadNsfwModel(null);

      expect(sut.loadedFrom).toBe('package');
    },
    MODEL_TIMEOUT_MS
  );

  it.each([
    ['a bowl of oranges on a wooden table', 1],
    ['neon city street in the rain', 2],
    ['portrait of a woman in a red dress', 3]
  ])('should give every class of a rendered image (%s) a probability, deterministically', async (prompt, seed) => {
    const image = await renderedImage(prompt, seed);

    const sut = await classifyNsfw(fromPackage, image);

    expect(Object.keys(sut).sort()).toEqual([...NSFW_CLASSES].sort());
    for (const probability of Object.values(sut)) expect(probability).toBeGreaterThanOrEqual(0);
    expect(Object.values(sut).reduce((sum, probability) => sum + probability, 0)).toBeCloseTo(1, 4);
    expect(nsfwScore(sut)).toBeGreaterThanOrEqual(0);
    expect(nsfwScore(sut)).toBeLessThanOrEqual(1);
    expect(await classifyNsfw(fromPackage, image)).toEqual(sut);
  });

  it('should refuse bytes that are not an image with a validation error', async () => {
    await expect(classifyNsfw(fromPackage, new TextEncoder().encode('not an image'))).rejects.toMatchObject({
      kind: 'validation'
    });
  });
});

describe(nsfwScore.name, () => {
  it('should count Porn and Hentai in full and half of Sexy', () => {
    const sut = nsfwScore({ Drawing: 0.1, Hentai: 0.2, Neutral: 0.1, Porn: 0.3, Sexy: 0.3 });

    expect(sut).toBeCloseTo(0.65, 10);
  });

  it('should score a neutral image 0', () => {
    expect(nsfwScore({ Drawing: 0, Hentai: 0, Neutral: 1, Porn: 0, Sexy: 0 })).toBe(0);
  });
});
