import { describe, expect, it } from 'vitest';
import { createPaidTestProvider } from '../../../../tests/support/paid-test-provider';
import { withConcurrencyLimit } from './concurrency';
import type { GenerateCall, ImageProviderV1 } from './types';

function slowProvider(): { provider: ImageProviderV1; peak: () => number } {
  const inner = createPaidTestProvider();
  let inFlight = 0;
  let peak = 0;
  return {
    provider: {
      ...inner,
      async generate(call: GenerateCall) {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        try {
          return await inner.generate(call);
        } finally {
          inFlight--;
        }
      }
    },
    peak: () => peak
  };
}

describe(withConcurrencyLimit.name, () => {
  it('should keep at most the limit of calls in flight and answer every call', async () => {
    const { provider, peak } = slowProvider();
    const sut = withConcurrencyLimit(provider, 3);
    const call = { model: 'paid-standard', prompt: 'p', width: 64, height: 64, count: 1 };
    const results = await Promise.all(Array.from({ length: 12 }, () => sut.generate(call)));
    expect(results).toHaveLength(12);
    expect(peak()).toBe(3);
  });

  it('should free a slot when a call fails', async () => {
    const sut = withConcurrencyLimit(createPaidTestProvider({ failWith: () => new Error('down') }), 1);
    const call = { model: 'paid-standard', prompt: 'p', width: 64, height: 64, count: 1 };
    await expect(sut.generate(call)).rejects.toThrow('down');
    await expect(sut.generate(call)).rejects.toThrow('down');
  });

  it('should keep the provider identity and catalog, also when copied with a spread', () => {
    const inner = createPaidTestProvider();
    const sut = { ...withConcurrencyLimit(inner, 2) };
    expect([sut.id, sut.label, sut.kind, sut.defaultModel]).toStrictEqual([
      inner.id,
      inner.label,
      inner.kind,
      inner.defaultModel
    ]);
    expect(sut.models).toBe(inner.models);
  });
});
