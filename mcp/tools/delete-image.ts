import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZDeleteOutput, ZImageIdsInput, type ApiCaller } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { toToolResult } from '../tool-result';

export function registerDeleteImageTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'delete_image',
    {
      title: 'Delete images',
      description:
        "Moves the user's images (ids, 1–500) to the trash: they leave the library but stay restorable with " +
        'restore_image until purgeAfter, when the daily cleanup deletes them and their files for good. Deleting an ' +
        "image already in the trash changes nothing. All or none: an id that is not one of the user's images " +
        'answers "not_found"; an image still being made is refused (cancel it first).',
      inputSchema: ZImageIdsInput.shape,
      outputSchema: ZDeleteOutput.shape,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false }
    },
    (input) =>
      runTool(async () => {
        const outcome = await api.images.delete(input);
        const count = outcome.ids.length === 1 ? '1 image' : `${outcome.ids.length} images`;
        return toToolResult(
          outcome,
          `Moved ${count} to the trash; restore with restore_image before ${outcome.purgeAfter}, ` +
            'after which they are deleted for good.'
        );
      })
  );
}
