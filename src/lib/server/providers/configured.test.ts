import { describe, expect, it } from 'vitest';
import { startAnthropicFake } from '../../../../tests/fakes/anthropic-fake';
import { parseConfig } from '../config';
import { createLogger } from '../log';
import { checkAssistantModels, createConfiguredAssistant, createConfiguredProviders } from './configured';
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

const silentLog = createLogger('silent');

describe(createConfiguredAssistant.name, () => {
  it('should be Claude only when ANTHROPIC_API_KEY is set', () => {
    expect(createConfiguredAssistant(parseConfig({}), silentLog)).toBeNull();
    const claude = createConfiguredAssistant(parseConfig({ ANTHROPIC_API_KEY: 'sk-ant-test' }), silentLog);
    expect(claude?.id).toBe('claude');
    expect(claude?.models()).toStrictEqual({ enhance: 'claude-haiku-4-5', analyze: 'claude-sonnet-4-6' });
  });
});

describe(checkAssistantModels.name, () => {
  it('should switch a retired model at start, and only log a list it cannot read', async () => {
    const fake = await startAnthropicFake();
    const warnings: string[] = [];
    const log = { warn: (_: object, message: string) => warnings.push(message) };
    try {
      const env = { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent' };
      const retired = parseConfig({ ...env, ANTHROPIC_ANALYZE_MODEL: 'claude-sonnet-4-5' });
      const claude = createConfiguredAssistant(retired, silentLog);
      await checkAssistantModels(claude, log);
      expect(claude?.models().analyze).toBe('claude-sonnet-4-6');
      expect(warnings).toStrictEqual([]);

      const wrongKey = createConfiguredAssistant(parseConfig({ ...env, ANTHROPIC_API_KEY: 'sk-ant-wrong' }), silentLog);
      await checkAssistantModels(wrongKey, log);
      expect(warnings).toStrictEqual(['checking the Claude models failed; using the configured ones']);
      await checkAssistantModels(null, log);
    } finally {
      await fake.close();
    }
  });
});
