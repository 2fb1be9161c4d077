import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { createConfiguredProviders } from './configured';
import { createJobNotifier } from './jobs';

describe(createConfiguredProviders.name, () => {
  it('should hold local calls to PROVIDER_MAX_CONCURRENCY like any provider', async () => {
    const config = parseConfig({ PROVIDER_MAX_CONCURRENCY: '1', IMAGE_WORKERS: '1', LOG_LEVEL: 'silent' });
    const local = createConfiguredProviders(config, createJobNotifier()).find((provider) => provider.id === 'local')!;
    const call = { model: local.defaultModel, prompt: 'tide pools', width: 256, height: 256, seed: 1 };
    const finished: string[] = [];

    // Uncapped, the one-image call would finish while the four-image call still paints its later images.
    await Promise.all([
      local.generate({ ...call, count: 4 }).then(() => finished.push('four images')),
      local.generate({ ...call, count: 1 }).then(() => finished.push('one image'))
    ]);

    expect(finished).toStrictEqual(['four images', 'one image']);
  });
});
