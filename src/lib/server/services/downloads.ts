import { A1111_KEYWORD, PARAMETERS_KEYWORD, toA1111Text, type GenerationParameters } from '../../generation-parameters';
import { writePngText } from '../../png-text';
import type { GeneratedImageRow } from '../db/schema';
import { convertImage, DOWNLOAD_MEDIA_TYPES, type DownloadFormat } from '../images';
import type { Deps } from './deps';
import { findOwnedRow, readImageContent } from './library';
import type { Actor } from './users';

export { DOWNLOAD_FORMATS, type DownloadFormat } from '../images';

type DownloadDeps = Pick<Deps, 'db' | 'storage'>;

export type DownloadRequest = { id: string; format: DownloadFormat; quality: number };
export type Download = { bytes: Uint8Array; mediaType: string; fileName: string };

/**
 * One of the actor's images in the format asked for, named after its prompt; a PNG also carries how it
 * was made (text chunks `atelier`, JSON, and `parameters`, A1111-style), so the studio can recall it.
 */
export async function downloadImage(deps: DownloadDeps, actor: Actor, request: DownloadRequest): Promise<Download> {
  const row = await findOwnedRow(deps, actor, request.id);
  const { bytes } = await readImageContent(deps, actor, row.id, 'full');
  const converted = await convertImage(bytes, request.format, request.quality);
  const parameters = generationParametersOf(row);
  return {
    bytes:
      request.format === 'png'
        ? writePngText(converted, {
            [A1111_KEYWORD]: toA1111Text(parameters),
            [PARAMETERS_KEYWORD]: JSON.stringify(parameters)
          })
        : converted,
    mediaType: DOWNLOAD_MEDIA_TYPES[request.format],
    fileName: downloadFileName(row, request.format)
  };
}

function generationParametersOf(row: GeneratedImageRow): GenerationParameters {
  return {
    version: 1,
    prompt: row.prompt,
    negativePrompt: row.negativePrompt,
    provider: row.provider,
    model: row.model,
    size: row.size,
    seed: row.seed,
    steps: row.steps,
    cfgScale: row.cfgScale,
    parentImageId: row.parentImageId,
    imageId: row.id
  };
}

const FILLER_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'with', 'in', 'on', 'at', 'to', 'for', 'by']);
const SLUG_WORDS = 4;
const SLUG_LENGTH = 48;

/**
 * `red-lighthouse-42.png`: the prompt's first words (ASCII letters and digits only, filler words dropped)
 * and the seed, or the start of the id when there is none. Safe as a header value and as a path.
 */
export function downloadFileName(
  image: Pick<GeneratedImageRow, 'prompt' | 'seed' | 'id'>,
  format: DownloadFormat
): string {
  const words = image.prompt
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !FILLER_WORDS.has(word))
    .slice(0, SLUG_WORDS);
  const slug = words.join('-').slice(0, SLUG_LENGTH).replace(/-+$/, '') || 'image';
  const suffix = image.seed ?? image.id.slice(0, 8);
  return `${slug}-${suffix}.${format === 'jpeg' ? 'jpg' : format}`;
}
