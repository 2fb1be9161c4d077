import { normalizeMask } from '../images';
import type { Deps } from './deps';
import { estimateOperation, runOperation, type GenerateOutcome, type OperationEstimate } from './generation';
import { planOperation } from './generation/plan';
import type { OperationControl } from './generation/progress';
import type { EditRequest } from './generation/request';
import { loadImage, storeUpload, type ImageReference, type LoadedImage } from './image-inputs';
import { toImageDto, type ImageDto } from './image-dto';
import { checkImageSafety, checkPrompt } from './safety';
import type { Actor } from './users';

type EditingDeps = Pick<Deps, 'db' | 'providers' | 'storage' | 'clock' | 'log' | 'config'>;

/** An edit as the doors ask for it: images by reference, the rest as the pipeline takes it. */
export type EditOrder = Omit<EditRequest, 'source' | 'mask' | 'styleImage'> & {
  image: ImageReference;
  mask?: ImageReference;
  /** Allows a mask that covers the whole image. */
  fullMask?: boolean;
  styleImage?: ImageReference;
};

/**
 * Runs an edit: reads the source (and mask, style image), plans it and checks its prompt — refusing what
 * cannot or may not be done before anything is stored —, checks a style image with the NSFW classifier,
 * keeps a new source image in the library as an upload (checked too), then runs the pipeline.
 */
export async function editImages(
  deps: EditingDeps,
  actor: Actor,
  order: EditOrder,
  control?: OperationControl
): Promise<GenerateOutcome> {
  const { request, loaded } = await readOrder(deps, actor, order, control?.signal);
  planOperation(deps, actor, request);
  const prompts = [request.prompt, request.searchPrompt].filter(Boolean);
  if (prompts.length > 0) await checkPrompt(deps, actor, prompts.join('\n'), control?.signal);
  // A style image is read, never kept: under the block policy a flagged one is refused here, before any paid call.
  if (request.styleImage) await checkImageSafety(deps, request.styleImage.bytes, 'upload');
  const source = loaded.row ?? (await storeUpload(deps, actor, loaded.image));
  return runOperation(deps, actor, { ...request, source: { ...request.source, id: source.id } }, control);
}

/** What an edit would cost and which warnings it would get, from the plan the edit runs; stores nothing. */
export async function estimateEdit(deps: EditingDeps, actor: Actor, order: EditOrder): Promise<OperationEstimate> {
  const { request } = await readOrder(deps, actor, order);
  return estimateOperation(deps, actor, request);
}

/** Keeps an image the caller brings (bytes or a URL) in their library. */
export async function uploadImage(
  deps: EditingDeps,
  actor: Actor,
  input: { image: ImageReference; name?: string },
  signal?: AbortSignal
): Promise<{ image: ImageDto }> {
  const loaded = await loadImage(deps, actor, input.image, { signal });
  const row = loaded.row ?? (await storeUpload(deps, actor, loaded.image, input.name));
  return { image: toImageDto(row, deps.storage) };
}

async function readOrder(
  deps: EditingDeps,
  actor: Actor,
  order: EditOrder,
  signal?: AbortSignal
): Promise<{ request: EditRequest; loaded: LoadedImage }> {
  const { image, mask, fullMask, styleImage, ...settings } = order;
  const loaded = await loadImage(deps, actor, image, { signal });
  const { width, height } = loaded.image;
  const normalizedMask = mask
    ? await normalizeMask((await loadImage(deps, actor, mask, { signal })).image.bytes, width, height, {
        allowFull: fullMask
      })
    : undefined;
  const style = styleImage ? (await loadImage(deps, actor, styleImage, { signal })).image : undefined;
  return {
    loaded,
    request: {
      ...settings,
      source: { id: loaded.row?.id ?? '', prompt: loaded.row?.prompt ?? '', image: loaded.image },
      mask: normalizedMask,
      styleImage: style
    }
  };
}
