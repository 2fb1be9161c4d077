import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config';
import { createConfiguredProviders } from '../configured';
import { createJobNotifier } from '../jobs';
import { renderImage, type RenderRequest } from './render';
import { sharedRenderPool } from './render-pool';

const digest = (pixels: Uint8ClampedArray) => createHash('sha256').update(pixels).digest('hex');

const REQUESTS: RenderRequest[] = [
  { prompt: 'a red sunset over the ocean', seed: 42, width: 256, height: 256, style: 'vivid' },
  { prompt: 'stars above hills at night', seed: 2147483647, width: 1024, height: 768, style: 'natural' }
];

describe(sharedRenderPool.name, () => {
  it('should paint on worker threads exactly the pixels the renderer paints on this thread', async () => {
    const sut = sharedRenderPool(2);

    const painted = await Promise.all(REQUESTS.map((request) => sut.render(request)));

    expect(painted.map(digest)).toStrictEqual(REQUESTS.map((request) => digest(renderImage(request))));
    expect(sut.threads).toBeGreaterThanOrEqual(1);
    expect(sut.threads).toBeLessThanOrEqual(2);
  });

  it('should give every caller asking for the same size one pool', () => {
    expect(sharedRenderPool(3)).toBe(sharedRenderPool(3));
    expect(sharedRenderPool(3)).not.toBe(sharedRenderPool(4));
  });

  it('should be where the configured local provider paints, on IMAGE_WORKERS threads', async () => {
    const config = parseConfig({ IMAGE_WORKERS: '5', LOG_LEVEL: 'silent' });
    const local = createConfiguredProviders(config, createJobNotifier()).find((provider) => provider.id === 'local')!;

    await local.generate({
      model: local.defaultModel,
      prompt: 'tide pools',
      width: 256,
      height: 256,
      count: 2,
      seed: 1
    });

    expect(sharedRenderPool(5).threads).toBeGreaterThanOrEqual(1);
  });
});
