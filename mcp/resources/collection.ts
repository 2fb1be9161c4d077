import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Resource } from '@modelcontextprotocol/sdk/types.js';
import type { ApiCaller } from '../../src/lib/server/api';
import { toResourceError } from '../errors';
import { imageUri } from './image';

export const COLLECTION_URI_TEMPLATE = 'atelier://collections/{id}';

/** Pages read for one resource; a larger collection is cut there and says so (`truncated`). */
const PAGE_SIZE = 100;
const MAX_PAGES = 10;

type CollectionSummary = Awaited<ReturnType<ApiCaller['collections']['list']>>['collections'][number];

export function collectionUri(id: string): string {
  return `atelier://collections/${id}`;
}

/** A collection as `resources/list` offers it. */
export function describeCollectionResource(collection: CollectionSummary): Resource {
  return {
    uri: collectionUri(collection.id),
    name: collection.name,
    description: collection.description ?? `${collection.imageCount} images`,
    mimeType: 'application/json',
    annotations: { lastModified: collection.updatedAt }
  };
}

/**
 * `atelier://collections/{id}`: the collection as JSON with its images in order (id, prompt and their
 * atelier://images URI; trashed images left out). `resources/list` (./list.ts) offers every collection of the user.
 */
export function registerCollectionResource(server: McpServer, api: ApiCaller): void {
  const template = new ResourceTemplate(COLLECTION_URI_TEMPLATE, { list: undefined });
  server.registerResource(
    'collection',
    template,
    {
      title: 'Atelier collection',
      description:
        'A collection of images from your library, as JSON: its name, description, cover and images in order.',
      mimeType: 'application/json'
    },
    async (uri, { id }) => {
      try {
        const text = JSON.stringify(await readCollection(api, String(id)), null, 2);
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
      } catch (error) {
        throw toResourceError(error);
      }
    }
  );
}

async function readCollection(api: ApiCaller, id: string) {
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await api.collections.get({ id, limit: PAGE_SIZE, cursor });
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages.length < MAX_PAGES);
  const images = pages.flatMap((page) =>
    page.images.map((image) => ({ id: image.id, prompt: image.prompt, uri: imageUri(image.id) }))
  );
  return { ...pages.at(-1)!.collection, uri: collectionUri(id), images, truncated: cursor !== undefined };
}
