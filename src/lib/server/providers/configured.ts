import type { Config } from '../config';
import type { Logger } from '../log';
import { createAnthropicAssistant } from './anthropic';
import type { AssistantProvider } from './assistant';
import { withConcurrencyLimit } from './concurrency';
import type { JobNotifier } from './jobs';
import { createLocalProvider } from './local';
import { sharedRenderPool } from './local/render-pool';
import { createOpenAIProvider } from './openai';
import { DALLE3_ALIAS, translateDalle3Settings } from './openai/seed-alias';
import type { ProviderAlias, RegistryOptions } from './registry';
import { createReplicateProvider } from './replicate';
import { createStabilityProvider } from './stability';
import type { ImageProviderV1 } from './types';

/**
 * The providers this instance has keys for, hosted ones first (a request without a provider gets real
 * images when a key is set) and the offline renderer always last. Every provider, the offline renderer
 * too, gets the instance-wide cap on calls in flight; the renderer paints on `IMAGE_WORKERS` threads.
 */
export function createConfiguredProviders(config: Config, jobs: JobNotifier): ImageProviderV1[] {
  const { openai, stability, replicate } = config.providers;
  const hosted: ImageProviderV1[] = [
    ...(openai ? [createOpenAIProvider(openai)] : []),
    ...(stability ? [createStabilityProvider(stability)] : []),
    ...(replicate
      ? [
          createReplicateProvider({
            ...replicate,
            ...(replicate.webhook && { webhook: { url: replicate.webhook.url } }),
            notifier: jobs
          })
        ]
      : [])
  ];
  const local = createLocalProvider({ renderPool: sharedRenderPool(config.imageWorkers) });
  return [...hosted, local].map((provider) => withConcurrencyLimit(provider, config.providerConcurrency));
}

const CATALOG_REFRESH_TIMEOUT_MS = 15_000;

/**
 * Asks each vendor that keeps a model list for it (OpenAI's shutdown dates, a self-hosted server's
 * models). A vendor that does not answer keeps the built-in catalog; the failure is logged, not fatal.
 */
export async function refreshCatalogs(
  providers: readonly ImageProviderV1[],
  log: { warn(details: object, message: string): void }
): Promise<void> {
  await Promise.all(
    providers.map((provider) =>
      provider.refreshCatalog?.(AbortSignal.timeout(CATALOG_REFRESH_TIMEOUT_MS)).catch((error: unknown) => {
        log.warn({ err: error, provider: provider.id }, 'refreshing the model catalog failed; using the built-in one');
      })
    )
  );
}

/** Claude when ANTHROPIC_API_KEY is set; else null, and the local enhancer and analyzer answer. */
export function createConfiguredAssistant(config: Config, log: Logger): AssistantProvider | null {
  const { anthropic } = config.providers;
  return anthropic ? createAnthropicAssistant(anthropic, log) : null;
}

/**
 * Checks the configured Claude models against the account's model list (a retired one is replaced, with a
 * warning). In the background, bounded by the adapter's own timeout; a failure is logged, not fatal.
 */
export async function checkAssistantModels(
  assistant: AssistantProvider | null,
  log: { warn(details: object, message: string): void }
): Promise<void> {
  await assistant?.checkModels().catch((error: unknown) => {
    log.warn({ err: error }, 'checking the Claude models failed; using the configured ones');
  });
}

/** The seed's `dalle3` provider id: OpenAI's default model, with the seed's quality and style translated. */
const SEED_ALIASES: Record<string, ProviderAlias> = {
  [DALLE3_ALIAS]: { providerId: 'openai', translate: translateDalle3Settings }
};

export function registryOptions(config: Config): RegistryOptions {
  return { aliases: SEED_ALIASES, shutDownModels: config.shutDownModels };
}
