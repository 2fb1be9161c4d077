import { ZFavoriteInput, type ApiCaller } from '../../src/lib/server/api';
import { defineTool } from '../tool-definition';
import { toToolResult } from '../tool-result';

export function favoriteImageTool(api: ApiCaller) {
  return defineTool({
    name: 'favorite_image',
    description: 'Stars images (favorite: false unstars). All or none.',
    input: ZFavoriteInput,
    scope: 'generate',
    annotations: { destructiveHint: false, idempotentHint: true, openWorldHint: false },
    async run(input) {
      const result = await api.images.favorite(input);
      const verb = result.favorite ? 'Starred' : 'Unstarred';
      return toToolResult(result, `${verb} ${result.ids.length} image${result.ids.length === 1 ? '' : 's'}.`);
    }
  });
}
