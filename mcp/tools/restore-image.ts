import { ZImageIdsInput, type ApiCaller } from '../../src/lib/server/api';
import { imageLine } from '../summaries';
import { defineTool } from '../tool-definition';
import { toToolResult } from '../tool-result';

export function restoreImageTool(api: ApiCaller) {
  return defineTool({
    name: 'restore_image',
    description: 'Takes images out of the trash, back into the library. All or none.',
    input: ZImageIdsInput,
    scope: 'generate',
    annotations: { destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async run(input) {
      const outcome = await api.images.restore(input);
      return toToolResult(outcome, ['Back in the library:', ...outcome.images.map(imageLine)].join('\n'));
    }
  });
}
