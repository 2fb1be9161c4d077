import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ListResourcesRequestSchema, type Resource } from '@modelcontextprotocol/sdk/types.js';
import type { ApiCaller } from '../../src/lib/server/api';
import { toResourceError } from '../errors';
import { describeCollectionResource } from './collection';
import { describeImageResource } from './image';

/** Images per `resources/list` page. */
export const RESOURCES_PAGE_SIZE = 50;

/**
 * `resources/list` pages through the whole library, newest first, with the history's own cursor as
 * `nextCursor`; the first page also offers every collection. (The SDK's listing of template resources
 * has no cursor, so this handler replaces it.)
 */
export function registerResourceList(server: McpServer, api: ApiCaller): void {
  server.server.setRequestHandler(ListResourcesRequestSchema, async ({ params }) => {
    try {
      const cursor = params?.cursor;
      const [page, collections] = await Promise.all([
        api.images.history({ limit: RESOURCES_PAGE_SIZE, cursor, status: 'completed' }),
        cursor ? [] : api.collections.list().then((list) => list.collections.map(describeCollectionResource))
      ]);
      const resources: Resource[] = [...collections, ...page.images.map(describeImageResource)];
      return page.nextCursor ? { resources, nextCursor: page.nextCursor } : { resources };
    } catch (error) {
      throw toResourceError(error);
    }
  });
}
