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

/** "Generated 2 of 3 images (cost $0.08)." then a line per image and the warnings. */
export function operationSummary({ images, warnings }: GenerateOutcome, verb: string): string {
  const completed = images.filter((image) => image.status === 'completed');
  const cost = images.reduce((sum, image) => sum + image.costUsd, 0);
  const lines = [
    `${verb} ${completed.length} of ${images.length} image${images.length === 1 ? '' : 's'} (cost ${formatUsd(cost)}).`,
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

export function formatUsd(amount: number): string {
  return `$${Number(amount.toFixed(4))}`;
}

function clip(text: string): string {
  return text.length > PROMPT_PREVIEW_LENGTH ? `${text.slice(0, PROMPT_PREVIEW_LENGTH - 1)}…` : text;
}
