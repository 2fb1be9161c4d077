import { ZImageIdsInput, type ApiCaller } from '../../src/lib/server/api';
import { defineTool } from '../tool-definition';
import { toToolResult } from '../tool-result';

export function deleteImageTool(api: ApiCaller) {
  return defineTool({
    name: 'delete_image',
    description: 'Moves images to the trash, restorable until purgeAfter. All or none.',
    input: ZImageIdsInput,
    scope: 'generate',
    annotations: { idempotentHint: true, openWorldHint: false },
    async run(input) {
      const outcome = await api.images.delete(input);
      const count = outcome.ids.length === 1 ? '1 image' : `${outcome.ids.length} images`;
      return toToolResult(
        outcome,
        `Moved ${count} to the trash; restore with restore_image before ${outcome.purgeAfter}, ` +
          'after which they are deleted for good.'
      );
    }
  });
}
