import { z } from 'zod';
import type { ApiCaller, ProviderDto } from '../../src/lib/server/api';
import { defineTool, HINTS } from '../tool-definition';
import { toToolResult } from '../tool-result';

const NO_ARGUMENTS = z.object({});

export function listProvidersTool(api: ApiCaller) {
  return defineTool({
    name: 'list_providers',
    description: 'Models with their sizes, settings, operations and prices.',
    input: NO_ARGUMENTS,
    scope: 'read',
    annotations: HINTS.reads,
    async run() {
      const providers = await api.providers.list();
      return toToolResult({ providers }, providers.map(describeProvider).join('\n'));
    }
  });
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
