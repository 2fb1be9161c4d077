import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZImageIdsInput, ZRestoreOutput, type ApiCaller } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { imageLine } from '../summaries';
import { toToolResult } from '../tool-result';

export function registerRestoreImageTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'restore_image',
    {
      title: 'Restore images',
      description:
        "Takes the user's images (ids, 1–500) out of the trash, back into the library, and returns them. An image " +
        "not in the trash stays as it is. All or none: an id that is not one of the user's images (or one already " +
        'purged) answers "not_found".',
      inputSchema: ZImageIdsInput.shape,
      outputSchema: ZRestoreOutput.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false }
    },
    (input) =>
      runTool(async () => {
        const outcome = await api.images.restore(input);
        return toToolResult(outcome, ['Back in the library:', ...outcome.images.map(imageLine)].join('\n'));
      })
  );
}
