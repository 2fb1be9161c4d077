import { MAX_IMAGES_PER_REQUEST, MAX_PROMPT_LENGTH } from '../api/routers/images/generate.schema';

/** The prompt and count limits the studio's form (and the lightbox's edits) show for this account. */
export function studioLimits(policy: { maxImagesPerRequest: number | null }) {
  return {
    promptLength: MAX_PROMPT_LENGTH,
    imagesPerRequest: Math.min(MAX_IMAGES_PER_REQUEST, policy.maxImagesPerRequest ?? MAX_IMAGES_PER_REQUEST),
    instanceImagesPerRequest: MAX_IMAGES_PER_REQUEST
  };
}
