import { z } from 'zod';
import { ZHistoryInput, type ApiCaller } from '../../src/lib/server/api';
import { compactPage, ZImageFields } from '../library-page';
import { libraryPageSummary } from '../summaries';
import { defineTool, HINTS } from '../tool-definition';
import { toToolResult } from '../tool-result';

const { limit, cursor } = ZHistoryInput.unwrap().shape;

export function listImagesTool(api: ApiCaller) {
  return defineTool({
    name: 'list_images',
    description: 'Your images, newest first.',
    input: z.object({ limit, cursor, fields: ZImageFields }),
    scope: 'read',
    annotations: HINTS.reads,
    run: ({ fields, ...paging }) =>
      compactPage(
        fields,
        (fewer) => api.images.history({ ...paging, limit: fewer ?? paging.limit }),
        (page, images) => {
          const total = { count: page.total, exact: page.totalExact };
          return toToolResult({ ...page, images }, libraryPageSummary({ ...page, total }, 'newest first'));
        }
      )
  });
}
