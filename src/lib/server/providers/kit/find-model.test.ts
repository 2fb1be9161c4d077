import { describe, expect, it } from 'vitest';
import { appErrorOf, testCallSettings } from '../../../../../tests/fakes/provider-test-kit';
import { createLocalProvider } from '../local';
import { createOpenAIProvider } from '../openai';
import { createProviderRegistry } from '../registry';
import { createReplicateProvider } from '../replicate';
import { createStabilityProvider } from '../stability';
import type { GenerateCall, ImageProviderV1 } from '../types';
import { findModel } from './find-model';

const calls = testCallSettings();
// Nothing listens there: an unknown model must be refused before any request.
const NOWHERE = 'http://127.0.0.1:9';

const providers: ImageProviderV1[] = [
  createLocalProvider(),
  createOpenAIProvider({ apiKey: 'sk-test', baseUrl: `${NOWHERE}/v1`, calls }),
  createStabilityProvider({ apiKey: 'sk-test', baseUrl: NOWHERE, usdPerCredit: 0.01, calls }),
  createReplicateProvider({ apiToken: 'r8_test', baseUrl: `${NOWHERE}/v1`, calls })
];

const unknownCall = (): GenerateCall => ({
  model: 'no-such-model',
  prompt: 'a door',
  width: 1024,
  height: 1024,
  count: 1
});

describe(findModel.name, () => {
  it.each(providers.map((provider) => [provider.id, provider] as const))(
    'should refuse an unknown model in %s as validation, listing its models',
    async (_, provider) => {
      const error = await appErrorOf(provider.generate(unknownCall()));

      expect([error.kind, error.message]).toStrictEqual([
        'validation',
        `${provider.label} has no model "no-such-model". Available models: ${provider.models.map((model) => model.id).join(', ')}.`
      ]);
    }
  );

  it('should give the registry the same refusal, naming the provider a request asked for', () => {
    const sut = createProviderRegistry(providers);

    expect(() => sut.resolve('stability', 'no-such-model')).toThrow(
      expect.objectContaining({
        kind: 'validation',
        message: expect.stringMatching(/^Provider "stability" has no model "no-such-model"\. Available models: core, /)
      })
    );
  });
});
