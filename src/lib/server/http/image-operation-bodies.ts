import { z } from 'zod';
import { ZAnalyzeInput, ZEditInput, ZRemoveBackgroundInput, ZRestyleInput, ZUpscaleInput, ZVaryInput } from '../api';

/**
 * REST bodies of the image operations. The seed (shared/seed-api.md) named the source image `imageUrl`; the
 * procedures call it `image`. Each body takes either name, then is checked by the procedure's schema, so
 * every other field keeps the procedure's name, range and message.
 */

const EDIT_TYPES: Record<string, 'inpaint' | 'outpaint' | 'searchReplace'> = {
  inpaint: 'inpaint',
  outpaint: 'outpaint',
  searchReplace: 'searchReplace',
  'search-and-replace': 'searchReplace'
};

/** editType values of operations with a path of their own. */
const OTHER_PATHS: Record<string, string> = {
  variation: '/api/images/variations',
  variations: '/api/images/variations',
  upscale: '/api/images/upscale',
  style: '/api/images/restyle',
  restyle: '/api/images/restyle',
  'style-transfer': '/api/images/restyle',
  'remove-background': '/api/images/remove-background',
  removeBackground: '/api/images/remove-background'
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function takeSeedImage(body: Record<string, unknown>, ctx: z.RefinementCtx): Record<string, unknown> {
  const { imageUrl, ...rest } = body;
  if (imageUrl !== undefined && rest.image !== undefined && imageUrl !== rest.image) {
    ctx.addIssue({
      code: 'custom',
      path: ['imageUrl'],
      message: 'Send the image once: imageUrl (the seed’s name) or image, not two different ones.'
    });
  }
  if (imageUrl === undefined && rest.image === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['imageUrl'],
      message:
        'Name the image to work on: an image id, the url Atelier returned for it, a data: URL, base64 bytes or an http(s) URL.'
    });
  }
  return { ...rest, image: rest.image ?? imageUrl };
}

/** The seed's spellings of an edit type beside the procedure's own; other operations have their own path. */
function takeEditType(body: Record<string, unknown>, ctx: z.RefinementCtx): Record<string, unknown> {
  const { editType } = body;
  if (editType === undefined) return body;
  const known = typeof editType === 'string' ? EDIT_TYPES[editType] : undefined;
  if (known === undefined) {
    const elsewhere = typeof editType === 'string' ? OTHER_PATHS[editType] : undefined;
    ctx.addIssue({
      code: 'custom',
      path: ['editType'],
      message: elsewhere
        ? `${String(editType)} has its own path: POST ${elsewhere}.`
        : `editType must be one of ${Object.keys(EDIT_TYPES).join(', ')}.`
    });
  }
  return { ...body, editType: known };
}

/** A body with the seed's `imageUrl` as the procedure's `image`, checked by `schema`. */
function withSeedImage<Schema extends z.ZodType>(schema: Schema, more?: typeof takeEditType) {
  return z.preprocess((body, ctx) => {
    if (!isRecord(body)) return body;
    const mapped = takeSeedImage(body, ctx);
    return more ? more(mapped, ctx) : mapped;
  }, schema);
}

/** `POST /api/images/edit`: the seed's `imageUrl`, `prompt`, `editType`, `mask` (base64), `strength`, and the rest of `images.edit`'s input. */
export const ZEditBody = withSeedImage(ZEditInput, takeEditType);

/** `POST /api/images/variations`: the seed's `imageUrl`, `count`, `provider`, or `images.vary`'s input. */
export const ZVariationsBody = withSeedImage(ZVaryInput);

/** `POST /api/images/upscale`: the seed's `imageUrl`, `scale`, `provider`, or `images.upscale`'s input. */
export const ZUpscaleBody = withSeedImage(ZUpscaleInput);

/** `POST /api/images/restyle`: `images.restyle`'s input; `imageUrl` is taken for `image` as on the seed's paths. */
export const ZRestyleBody = withSeedImage(ZRestyleInput);

/** `POST /api/images/remove-background`: `images.removeBackground`'s input, `imageUrl` taken for `image`. */
export const ZRemoveBackgroundBody = withSeedImage(ZRemoveBackgroundInput);

/** `POST /api/images/analyze`: the seed's `imageUrl`, or `images.analyze`'s `image` (an id, atelier:// URI, data: URL, base64 or URL). */
export const ZAnalyzeBody = withSeedImage(ZAnalyzeInput);
