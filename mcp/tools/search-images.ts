import { ZSearchInput, type ApiCaller } from '../../src/lib/server/api';
import { compactPage, ZImageFields } from '../library-page';
import { libraryPageSummary } from '../summaries';
import { defineTool, HINTS } from '../tool-definition';
import { toToolResult } from '../tool-result';

const ZSearchImagesInput = ZSearchInput.extend({ fields: ZImageFields });

export function searchImagesTool(api: ApiCaller) {
  return defineTool({
    name: 'search_images',
    description: 'Finds images by prompt text and filters, in the library or trash.',
    input: ZSearchImagesInput,
    scope: 'read',
    annotations: HINTS.reads,
    run: ({ fields, ...query }) =>
      compactPage(
        fields,
        (fewer) => api.images.search({ ...query, limit: fewer ?? query.limit }),
        (page, images) => toToolResult({ ...page, images }, libraryPageSummary(page, `${query.sort} first`))
      )
  });
}
