import { ZImageIdInput, type ApiCaller } from '../../src/lib/server/api';
import { imageLine, warningLines } from '../summaries';
import { defineTool, HINTS } from '../tool-definition';
import { imageBlocks, toToolResult } from '../tool-result';

export function getImageTool(api: ApiCaller) {
  return defineTool({
    name: 'get_image',
    description: 'One image with all its metadata and a preview.',
    input: ZImageIdInput,
    scope: 'read',
    annotations: HINTS.reads,
    async run({ id }) {
      const image = await api.images.get({ id });
      const lines = [imageLine(image)];
      if (image.warnings.length) lines.push('Ignored settings:', ...warningLines(image.warnings));
      return toToolResult(image, lines.join('\n'), await imageBlocks(api, [image]));
    }
  });
}
