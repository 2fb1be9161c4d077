import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CompleteRequestSchema, type CompleteResult } from '@modelcontextprotocol/sdk/types.js';
import type { ApiCaller } from '../src/lib/server/api';
import { toResourceError } from './errors';
import { COLLECTION_URI_TEMPLATE } from './resources/collection';
import { IMAGE_PREVIEW_URI_TEMPLATE, IMAGE_URI_TEMPLATE } from './resources/image';

/** The protocol's cap on values in one completion. */
const MAX_VALUES = 100;

type Context = Record<string, string>;
type Completer = (api: ApiCaller, context: Context) => Promise<string[]>;

const recentImageIds: Completer = async (api) =>
  (await api.images.history({ limit: MAX_VALUES, status: 'completed' })).images.map((image) => image.id);

const collectionIds: Completer = async (api) =>
  (await api.collections.list()).collections.map((collection) => collection.id);

const providerIds: Completer = async (api) => (await api.providers.list()).map((provider) => provider.id);

/** Models of the provider already chosen (`context.provider`), else of every provider. */
const modelIds: Completer = async (api, context) =>
  (await api.providers.list())
    .filter((provider) => !context.provider || provider.id === context.provider)
    .flatMap((provider) => provider.models.map((model) => model.id));

/** Sizes of the model already chosen (`context.model`), else of every model. */
const sizes: Completer = async (api, context) =>
  (await api.providers.list())
    .filter((provider) => !context.provider || provider.id === context.provider)
    .flatMap((provider) => provider.models)
    .filter((model) => !context.model || model.id === context.model)
    .flatMap((model) => model.sizes);

const RESOURCE_ARGUMENTS: Record<string, Record<string, Completer>> = {
  [IMAGE_URI_TEMPLATE]: { id: recentImageIds },
  [IMAGE_PREVIEW_URI_TEMPLATE]: { id: recentImageIds },
  [COLLECTION_URI_TEMPLATE]: { id: collectionIds }
};

/** Prompt (template) variables that name a provider, model or size complete from list_providers. */
const PROMPT_ARGUMENTS: Record<string, Completer> = { provider: providerIds, model: modelIds, size: sizes };

/**
 * `completion/complete`: image ids (the 100 most recent completed images) and collection ids for the
 * resource templates, providers, models and sizes for prompt arguments of those names; the values start
 * with what the user typed. The SDK's own completion handler only knows prompts registered through it, and
 * the template prompts are listed from the database, so this handler answers for both.
 */
export function registerCompletions(server: McpServer, api: ApiCaller): void {
  server.server.registerCapabilities({ completions: {} });
  server.server.setRequestHandler(CompleteRequestSchema, async ({ params }): Promise<CompleteResult> => {
    const { ref, argument, context } = params;
    const complete =
      ref.type === 'ref/resource' ? RESOURCE_ARGUMENTS[ref.uri]?.[argument.name] : PROMPT_ARGUMENTS[argument.name];
    if (!complete) return { completion: { values: [] } };
    try {
      const candidates = await complete(api, context?.arguments ?? {});
      const values = [...new Set(candidates)].filter((value) => value.startsWith(argument.value));
      return {
        completion: { values: values.slice(0, MAX_VALUES), total: values.length, hasMore: values.length > MAX_VALUES }
      };
    } catch (error) {
      throw toResourceError(error);
    }
  });
}
