import { z } from 'zod';
import { ZHistoryInput, type ApiCaller } from '../../src/lib/server/api';
import { compactPage, ZImageFields } from '../library-page';
import { libraryPageSummary } from '../summaries';
import { defineTool, HINTS } from '../tool-definition';
import { toToolResult } from '../tool-result';

const { limit, cursor } = ZHistoryInput.unwrap().shape;

/** Paging only: the filters are search_images'. */
const ZListImagesInput = z.object({ limit, cursor, fields: ZImageFields });

export function listImagesTool(api: ApiCaller) {
  return defineTool({
    name: 'list_images',
    description: 'Your images, newest first.',
    input: ZListImagesInput,
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
