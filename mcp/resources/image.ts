import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Resource } from '@modelcontextprotocol/sdk/types.js';
import type { ApiCaller, ImageDto } from '../../src/lib/server/api';
import { toResourceError } from '../errors';

export const IMAGE_URI_TEMPLATE = 'atelier://images/{id}';

/** How many recent images `resources/list` offers; older ones stay readable by URI. */
const LISTED_IMAGES = 20;

export function imageUri(id: string): string {
  return `atelier://images/${id}`;
}

/** The resource an image is, for `resources/list` and for `resource_link` blocks in tool results. */
export function describeImageResource(image: ImageDto): Resource {
  const prompt = image.prompt.length > 80 ? `${image.prompt.slice(0, 79)}…` : image.prompt;
  return {
    uri: imageUri(image.id),
    name: `${image.id}.${image.format ?? 'png'}`,
    title: prompt,
    description: `${image.width}x${image.height} ${image.format} by ${image.provider}/${image.model}, created ${image.createdAt}`,
    mimeType: `image/${image.format ?? 'png'}`
  };
}

/** `atelier://images/{id}`: the full-size image as stored, returned as a base64 blob. */
export function registerImageResource(server: McpServer, api: ApiCaller): void {
  const template = new ResourceTemplate(IMAGE_URI_TEMPLATE, {
    list: async () => {
      try {
        const page = await api.images.history({ limit: LISTED_IMAGES });
        const completed = page.images.filter((image) => image.status === 'completed');
        return { resources: completed.map(describeImageResource) };
      } catch (error) {
        throw toResourceError(error);
      }
    }
  });
  server.registerResource(
    'image',
    template,
    {
      title: 'Atelier image',
      description:
        'A full-size image from your Atelier library, in its stored format (PNG for the local provider). ' +
        'Ids come from generate_image and list_images.'
    },
    async (uri, { id }) => {
      try {
        const content = await api.images.content({ id: String(id), variant: 'full' });
        return { contents: [{ uri: uri.href, mimeType: content.mediaType, blob: content.base64 }] };
      } catch (error) {
        throw toResourceError(error);
      }
    }
  );
}
