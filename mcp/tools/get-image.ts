import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZImageIdInput, ZImageOutput, type ApiCaller } from '../../src/lib/server/api';
import { runTool } from '../errors';
import { imageLine, warningLines } from '../summaries';
import { imageBlocks, toToolResult } from '../tool-result';

export function registerGetImageTool(server: McpServer, api: ApiCaller): void {
  server.registerTool(
    'get_image',
    {
      title: 'Get image',
      description:
        "Returns one of the user's images by id: status, prompt, size, provider/model, seed, cost, warnings and, " +
        'for a failed image, errorMessage; plus an inline WebP preview and a resource_link (atelier://images/<id>) ' +
        'to the full image. Read-only. An id that is not one of the user\'s images answers "not_found".',
      inputSchema: ZImageIdInput.shape,
      outputSchema: ZImageOutput.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false }
    },
    ({ id }) =>
      runTool(async () => {
        const image = await api.images.get({ id });
        const lines = [imageLine(image)];
        if (image.warnings.length) lines.push('Ignored settings:', ...warningLines(image.warnings));
        return toToolResult(image, lines.join('\n'), await imageBlocks(api, [image]));
      })
  );
}
