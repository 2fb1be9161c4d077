import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ZProviderOutput, type ApiCaller, type ProviderDto } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { toToolResult } from '../tool-result';

export function registerListProvidersTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'list_providers',
    {
      title: 'List image providers',
      description:
        'Lists the configured image providers and their models: what kind of engine each is, the sizes a model ' +
        'accepts, how many images it makes per call, the settings (knobs) it honours, its qualities and styles, ' +
        'its price and lifecycle. Call it before generate_image to choose provider, model and size. ' +
        '"local" is an offline procedural renderer, not a diffusion model. Read-only.',
      outputSchema: { providers: z.array(ZProviderOutput) },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false }
    },
    () =>
      runTool(async () => {
        const providers = await api.providers.list();
        return toToolResult({ providers }, providers.map(describeProvider).join('\n'));
      })
  );
}

function describeProvider(provider: ProviderDto): string {
  const models = provider.models.map((model) => {
    const parts = [
      `  - ${model.id}${model.id === provider.defaultModel ? ' (default)' : ''}: ${model.description}`,
      model.sizes.length
        ? `Sizes: ${model.sizes.join(', ')} (default ${model.defaultSize}).`
        : 'Takes the size of its input image.',
      `Honours: ${model.knobs.join(', ') || 'no optional settings'}.`
    ];
    if (model.styles.length) parts.push(`Styles: ${model.styles.join(', ')}.`);
    if (model.qualities.length) parts.push(`Qualities: ${model.qualities.join(', ')}.`);
    if (model.outputFormats.length) parts.push(`Formats: ${model.outputFormats.join(', ')}.`);
    if (model.backgrounds.length) parts.push(`Backgrounds: ${model.backgrounds.join(', ')}.`);
    const ratios = Object.entries(model.aspectRatios);
    if (ratios.length) parts.push(`Aspect ratios: ${ratios.map(([size, ratio]) => `${ratio} = ${size}`).join(', ')}.`);
    parts.push(`Operations: ${model.operations.join(', ')}; up to ${model.maxImagesPerCall} per call.`);
    parts.push(`Price: ${model.price}.`);
    if (model.lifecycle.status !== 'active') {
      const replacement = model.lifecycle.replacement ? `; use ${model.lifecycle.replacement}` : '';
      parts.push(
        `${model.lifecycle.status === 'deprecated' ? 'Deprecated, shuts down' : 'Shut down'} ${model.lifecycle.shutdownDate}${replacement}.`
      );
    }
    return parts.join(' ');
  });
  return [`- ${provider.id} (${provider.label}): ${provider.kind}`, ...models].join('\n');
}
