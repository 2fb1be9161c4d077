import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Resource } from '@modelcontextprotocol/sdk/types.js';
import type { ApiCaller, ImageDto } from '../../src/lib/server/api';
import { toResourceError } from '../errors';

export const IMAGE_URI_TEMPLATE = 'atelier://images/{id}';
export const IMAGE_PREVIEW_URI_TEMPLATE = 'atelier://images/{id}/preview';

export function imageUri(id: string): string {
  return `atelier://images/${id}`;
}

export function imagePreviewUri(id: string): string {
  return `${imageUri(id)}/preview`;
}

/** The resource an image is, for `resources/list` and for `resource_link` blocks in tool results. */
export function describeImageResource(image: ImageDto): Resource {
  const prompt = image.prompt.length > 80 ? `${image.prompt.slice(0, 79)}…` : image.prompt;
  return {
    uri: imageUri(image.id),
    name: `${image.id}.${image.format ?? 'png'}`,
    title: prompt,
    description:
      `${image.width}x${image.height} ${image.format} by ${image.provider}/${image.model}, created ${image.createdAt}. ` +
      `A WebP preview of at most 1024 px, far smaller: ${imagePreviewUri(image.id)}.`,
    mimeType: `image/${image.format ?? 'png'}`,
    ...(image.fileSize !== null && { size: image.fileSize }),
    annotations: { lastModified: image.completedAt ?? image.createdAt }
  };
}

/**
 * `atelier://images/{id}`: the full-size image as stored, and `atelier://images/{id}/preview`: a WebP whose
 * longest side is at most 1024 px (made on its first read and kept), both as base64 blobs.
 * `resources/list` (./list.ts) offers the full images.
 */
export function registerImageResource(server: McpServer, api: ApiCaller): void {
  const read = (variant: 'full' | 'preview') => async (uri: URL, variables: Record<string, string | string[]>) => {
    try {
      const content = await api.images.content({ id: String(variables.id), variant });
      return { contents: [{ uri: uri.href, mimeType: content.mediaType, blob: content.base64 }] };
    } catch (error) {
      throw toResourceError(error);
    }
  };
  server.registerResource(
    'image',
    new ResourceTemplate(IMAGE_URI_TEMPLATE, { list: undefined }),
    {
      title: 'Atelier image',
      description:
        'A full-size image from your Atelier library, in its stored format (PNG for the local provider; may be ' +
        'megabytes). atelier://images/{id}/preview is the cheap look. Ids come from generate_image and list_images.'
    },
    read('full')
  );
  server.registerResource(
    'image-preview',
    new ResourceTemplate(IMAGE_PREVIEW_URI_TEMPLATE, { list: undefined }),
    {
      title: 'Atelier image preview',
      description:
        'A WebP preview of an image from your Atelier library, longest side at most 1024 px: a fraction of the ' +
        'full file, enough to look at it. Ids come from generate_image and list_images.',
      mimeType: 'image/webp'
    },
    read('preview')
  );
}
