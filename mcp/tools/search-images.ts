import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZSearchInput, ZSearchOutput, type ApiCaller } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { libraryPageSummary } from '../summaries';
import { toToolResult } from '../tool-result';

export function registerSearchImagesTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'search_images',
    {
      title: 'Search images',
      description:
        'Searches the user\'s library by prompt text (stemmed words, "phrases", prefix*, -exclusions) and filters ' +
        '(provider, model, size, status, from/to dates in UTC, favorite, collectionId, hasParent, operation, seed); ' +
        'trash: true searches the trash instead. Sorted newest, oldest, costliest or cheapest; up to 100 per page ' +
        '(default 50); pass nextCursor as cursor with the same query for the next page. total is exact only when ' +
        'exact is true, otherwise an estimate. Returns metadata only (no previews): read an image at ' +
        'atelier://images/<id>. Read-only.',
      inputSchema: ZSearchInput.shape,
      outputSchema: ZSearchOutput.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false }
    },
    (input) =>
      runTool(async () => {
        const page = await api.images.search(input);
        return toToolResult(page, libraryPageSummary(page, `${input.sort ?? 'newest'} first`));
      })
  );
}
