import type { ProviderDto } from '$lib/server/api';

/**
 * Whether the built server's `local` provider has `model` with `operation`. Its offline edit models
 * (procedural inpaint and variations, color-transfer, Lanczos, ESRGAN) come from branches merged one by
 * one; suites run what a model is there for and skip, by name, what is not built yet.
 */
export async function localOffersOf(
  baseUrl: string,
  apiKey: string
): Promise<(model: string, operation: string) => boolean> {
  const response = await fetch(`${baseUrl}/api/images/providers`, { headers: { authorization: `Bearer ${apiKey}` } });
  const { providers } = (await response.json()) as { providers: ProviderDto[] };
  const models = providers.find((provider) => provider.id === 'local')?.models ?? [];
  return (model, operation) =>
    models.some((entry) => entry.id === model && (entry.operations as string[]).includes(operation));
}
