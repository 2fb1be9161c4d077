import { describe, expect, it } from 'vitest';
import {
  createPaidTestProvider,
  PAID_PREMIUM_MODEL,
  PAID_STANDARD_MODEL
} from '../../../../tests/support/paid-test-provider';
import { isAppError } from '../errors';
import { createProviderRegistry } from './registry';
import type { ImageProviderV1, ModelCapabilities } from './types';

/** The paid test provider with its premium model given a lifecycle. */
function providerWithPremium(lifecycle: ModelCapabilities['lifecycle']): ImageProviderV1 {
  const provider = createPaidTestProvider();
  return {
    ...provider,
    models: provider.models.map((model) => (model.id === PAID_PREMIUM_MODEL ? { ...model, lifecycle } : model))
  };
}

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe(createProviderRegistry.name, () => {
  it('should warn for a deprecated model and still use it', () => {
    const sut = createProviderRegistry([
      providerWithPremium({ status: 'deprecated', shutdownDate: '2026-12-01', replacement: PAID_STANDARD_MODEL })
    ]);
    const resolved = sut.resolve('paid', PAID_PREMIUM_MODEL);
    expect(resolved.model.id).toBe(PAID_PREMIUM_MODEL);
    expect(resolved.warnings).toStrictEqual([
      {
        type: 'other',
        message: `paid/${PAID_PREMIUM_MODEL} is deprecated and shuts down on 2026-12-01. Switch to ${PAID_STANDARD_MODEL}.`
      }
    ]);
  });

  it('should map a shut-down model to its replacement with a warning', () => {
    const sut = createProviderRegistry([
      providerWithPremium({ status: 'shut_down', shutdownDate: '2026-05-12', replacement: PAID_STANDARD_MODEL })
    ]);
    const resolved = sut.resolve('paid', PAID_PREMIUM_MODEL);
    expect(resolved.model.id).toBe(PAID_STANDARD_MODEL);
    expect(resolved.warnings[0]).toMatchObject({
      type: 'other',
      message: expect.stringContaining('was shut down on 2026-05-12')
    });
  });

  it('should refuse a shut-down model when configured to, naming the replacement', () => {
    const sut = createProviderRegistry(
      [providerWithPremium({ status: 'shut_down', shutdownDate: '2026-05-12', replacement: PAID_STANDARD_MODEL })],
      { shutDownModels: 'refuse' }
    );
    const error = errorOf(() => sut.resolve('paid', PAID_PREMIUM_MODEL));
    expect(error.kind).toBe('unsupported');
    expect(error.message).toContain(`Use ${PAID_STANDARD_MODEL} instead`);
  });

  it('should resolve an alias to its provider default model and hand over its translator', () => {
    const translate = (settings: { quality?: string; style?: string }) => ({ ...settings, warnings: [] });
    const sut = createProviderRegistry([createPaidTestProvider()], {
      aliases: { legacy: { providerId: 'paid', translate } }
    });
    const resolved = sut.resolve('legacy');
    expect(resolved.provider.id).toBe('paid');
    expect(resolved.model.id).toBe(PAID_STANDARD_MODEL);
    expect(resolved.translate).toBe(translate);
  });

  it('should say an alias needs a provider that is not configured', () => {
    const sut = createProviderRegistry([createPaidTestProvider()], { aliases: { dalle3: { providerId: 'openai' } } });
    const error = errorOf(() => sut.resolve('dalle3'));
    expect(error.kind).toBe('validation');
    expect(error.message).toContain('needs the openai provider, which is not configured');
  });

  it('should prefer a real provider over an alias of the same name', () => {
    const sut = createProviderRegistry([createPaidTestProvider()], { aliases: { paid: { providerId: 'elsewhere' } } });
    expect(sut.resolve('paid').provider.id).toBe('paid');
  });

  it('should name the provider an id or an alias stands for, and nothing for an unknown one', () => {
    const sut = createProviderRegistry([createPaidTestProvider()], {
      aliases: { old: { providerId: 'paid' }, dalle3: { providerId: 'openai' } }
    });
    expect(['paid', 'old', 'dalle3', 'nope'].map((id) => sut.providerIdOf(id))).toStrictEqual([
      'paid',
      'paid',
      undefined,
      undefined
    ]);
  });
});
