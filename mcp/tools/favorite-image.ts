import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZFavoriteInput, ZFavoriteOutput, type ApiCaller } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { toToolResult } from '../tool-result';

export function registerFavoriteImageTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'favorite_image',
    {
      title: 'Star or unstar images',
      description:
        "Stars the user's images (favorite: true, the default) or unstars them (favorite: false); 1–500 ids. " +
        'Repeating a call changes nothing more. A trashed image can be unstarred but not starred. If any id is ' +
        'not one of the user\'s images the whole call fails with "not_found" and nothing changes.',
      inputSchema: ZFavoriteInput.shape,
      outputSchema: ZFavoriteOutput.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false }
    },
    (input) =>
      runTool(async () => {
        const result = await api.images.favorite(input);
        const verb = result.favorite ? 'Starred' : 'Unstarred';
        return toToolResult(result, `${verb} ${result.ids.length} image${result.ids.length === 1 ? '' : 's'}.`);
      })
  );
}
