import type { GenerateOutcome, ImageDto } from '../src/lib/server/api';
import { imageUri } from './resources/image';

const PROMPT_PREVIEW_LENGTH = 60;

/** One line per image for the text block: what an agent needs to talk about it, fetch it or follow its lineage. */
export function imageLine(image: ImageDto): string {
  if (image.status === 'failed') return `- ${image.id}: failed — ${image.errorMessage ?? 'no reason was recorded'}`;
  if (image.status !== 'completed') return `- ${image.id}: ${image.status}, "${clip(image.prompt)}"`;
  const seed = image.seed === null ? '' : `, seed ${image.seed}`;
  const parent = image.parentImageId ? `; ${image.editType ?? 'edit'} of ${image.parentImageId}` : '';
  return (
    `- ${image.id}: ${image.width}x${image.height} ${image.format}, ${image.provider}/${image.model}${seed}, ` +
    `"${clip(image.prompt)}" → ${imageUri(image.id)}${parent}`
  );
}

/**
 * "Generated 2 of 3 images (cost $0.08)." — or "(from cache, saved $0.08)." when an identical earlier request's
 * images were returned — then a line per image and the warnings.
 */
export function operationSummary({ images, warnings, cache }: GenerateOutcome, verb: string): string {
  const completed = images.filter((image) => image.status === 'completed');
  const cost = images.reduce((sum, image) => sum + image.costUsd, 0);
  const paid = cache.hit ? `from cache, saved ${formatUsd(cache.savedUsd)}` : `cost ${formatUsd(cost)}`;
  const lines = [
    `${verb} ${completed.length} of ${images.length} image${images.length === 1 ? '' : 's'} (${paid}).`,
    ...images.map(imageLine)
  ];
  if (warnings.length) lines.push('Warnings (the images were still made):', ...warningLines(warnings));
  return lines.join('\n');
}

/** Settings the model ignored (the image was still made), one line each. */
export function warningLines(warnings: ImageDto['warnings']): string[] {
  return warnings.map((warning) =>
    warning.type === 'unsupported'
      ? `- ${warning.setting} was ignored${warning.details ? `: ${warning.details}` : '.'}`
      : `- ${warning.message}`
  );
}

/** "3 of about 120 images, newest first. More with cursor "…"." then a line per image. */
export function libraryPageSummary(
  page: { images: ImageDto[]; total: { count: number; exact: boolean } | null; nextCursor: string | null },
  order: string
): string {
  const total = page.total ? `${page.total.exact ? '' : 'about '}${page.total.count}` : 'an unknown number of';
  if (page.images.length === 0) {
    return page.total?.count === 0 ? 'No images match.' : `No images on this page (${total} in all).`;
  }
  const more = page.nextCursor ? ` More with cursor "${page.nextCursor}".` : '';
  return [`${page.images.length} of ${total} images, ${order}.${more}`, ...page.images.map(imageLine)].join('\n');
}

export function formatUsd(amount: number): string {
  return `$${Number(amount.toFixed(4))}`;
}

function clip(text: string): string {
  return text.length > PROMPT_PREVIEW_LENGTH ? `${text.slice(0, PROMPT_PREVIEW_LENGTH - 1)}…` : text;
}
