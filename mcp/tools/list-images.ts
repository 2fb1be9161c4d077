import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZHistoryInput, ZHistoryOutput, type ApiCaller } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { libraryPageSummary } from '../summaries';
import { imageBlocks, MAX_INLINE_PREVIEWS, toToolResult } from '../tool-result';

export function registerListImagesTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'list_images',
    {
      title: 'List images',
      description:
        "Lists the user's images newest first, including failed ones: limit per page 1–100 (default 20), and the " +
        'same optional filters as search_images (text, provider, model, date range, favorites, …). ' +
        'For the next page pass the previous nextCursor as cursor (stable while new images arrive) or use offset. ' +
        `Returns metadata for each image, total, an inline WebP preview of the first ${MAX_INLINE_PREVIEWS} ` +
        'completed images and a resource_link (atelier://images/<id>) to each completed one. Read-only.',
      inputSchema: ZHistoryInput.unwrap().shape,
      outputSchema: ZHistoryOutput.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false }
    },
    (input) =>
      runTool(async () => {
        const page = await api.images.history(input);
        const total = { count: page.total, exact: page.totalExact };
        const summary = libraryPageSummary({ ...page, total }, 'newest first');
        return toToolResult(page, summary, await imageBlocks(api, page.images));
      })
  );
}
