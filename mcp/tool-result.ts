import type { CallToolResult, ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import type { ApiCaller, ImageDto } from '../src/lib/server/api';
import { describeFailure } from './errors';
import { describeImageResource } from './resources/image';

/** Inline previews cost the model context; past this many images come as links only. */
export const MAX_INLINE_PREVIEWS = 4;

/** The tool's JSON as `structuredContent`, a readable summary, and any image blocks. */
export function toToolResult(
  structuredContent: Record<string, unknown>,
  summary: string,
  blocks: ContentBlock[] = []
): CallToolResult {
  return { structuredContent, content: [{ type: 'text', text: summary }, ...blocks] };
}

/**
 * For each completed image a `resource_link` to the full file, preceded for the first few by the
 * thumbnail inline. A preview that cannot be read is said in text rather than failing a call whose
 * work (possibly paid) is already done.
 */
export async function imageBlocks(api: ApiCaller, images: ImageDto[]): Promise<ContentBlock[]> {
  const completed = images.filter((image) => image.status === 'completed');
  const blocks = await Promise.all(
    completed.map(async (image, index): Promise<ContentBlock[]> => {
      const link: ContentBlock = { type: 'resource_link', ...describeImageResource(image) };
      return index < MAX_INLINE_PREVIEWS ? [await previewBlock(api, image), link] : [link];
    })
  );
  return blocks.flat();
}

async function previewBlock(api: ApiCaller, image: ImageDto): Promise<ContentBlock> {
  try {
    const thumbnail = await api.images.content({ id: image.id, variant: 'thumbnail' });
    return { type: 'image', data: thumbnail.base64, mimeType: thumbnail.mediaType };
  } catch (error) {
    return { type: 'text', text: `No preview of ${image.id}: ${describeFailure(error)}` };
  }
}
