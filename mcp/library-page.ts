import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ZImageOutput, type ImageDto } from '../src/lib/server/api';
import { imageUri } from './resources/image';
import { unknownNames } from './tool-input';

/** A library page larger than this comes back shorter, with a nextCursor for the rest. */
export const PAGE_BUDGET_BYTES = 25_000;

const PROMPT_CLIP = 120;
const IMAGE_FIELDS = Object.keys(ZImageOutput.shape);

export const ZImageFields = z.array(z.string()).default([]).describe('More image fields, e.g. seed, url; or ["all"].');

type Page = { images: ImageDto[]; nextCursor: string | null };

/**
 * A page of the library with each image compact: id, status, prompt (clipped unless asked for), provider,
 * model, size, createdAt, uri and an errorMessage when it failed, plus any asked `fields`; nulls left out.
 * Over the byte budget the page is loaded again with fewer images, so its nextCursor follows the last one shown.
 */
export async function compactPage<Shown extends Page>(
  fields: string[],
  load: (limit?: number) => Promise<Shown>,
  answer: (page: Shown, images: Record<string, unknown>[]) => CallToolResult
): Promise<CallToolResult> {
  const unknown = fields.filter((field) => field !== 'all' && !IMAGE_FIELDS.includes(field));
  if (unknown.length) throw unknownNames(unknown, IMAGE_FIELDS, 'field', 'images have');
  const render = (page: Shown) =>
    answer(
      page,
      page.images.map((image) => compactImage(image, fields))
    );
  let page = await load();
  let result = render(page);
  let bytes = JSON.stringify(result).length;
  while (bytes > PAGE_BUDGET_BYTES && page.images.length > 1) {
    const fitting = Math.floor((page.images.length * PAGE_BUDGET_BYTES) / bytes);
    page = await load(Math.max(1, Math.min(fitting, page.images.length - 1)));
    result = render(page);
    bytes = JSON.stringify(result).length;
  }
  return result;
}

function compactImage(image: ImageDto, fields: string[]): Record<string, unknown> {
  const asked = fields.includes('all') ? IMAGE_FIELDS : fields;
  const prompt = image.prompt.length > PROMPT_CLIP ? `${image.prompt.slice(0, PROMPT_CLIP - 1)}…` : image.prompt;
  const compact: Record<string, unknown> = {
    id: image.id,
    status: image.status,
    prompt,
    provider: image.provider,
    model: image.model,
    size: image.size,
    createdAt: image.createdAt,
    uri: imageUri(image.id),
    errorMessage: image.errorMessage,
    ...Object.fromEntries(asked.map((field) => [field, image[field as keyof ImageDto]]))
  };
  return Object.fromEntries(Object.entries(compact).filter(([, value]) => value !== null && value !== undefined));
}
