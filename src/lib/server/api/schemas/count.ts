import { z } from 'zod';

export const MAX_IMAGES_PER_REQUEST = 10;

/** How many images one request makes; the generate rate limit counts these, not the calls. */
export const ZImageCount = z
  .int({ error: `count must be a whole number from 1 to ${MAX_IMAGES_PER_REQUEST}.` })
  .min(1, 'count must be at least 1.')
  .max(MAX_IMAGES_PER_REQUEST, `count is at most ${MAX_IMAGES_PER_REQUEST} images per request.`)
  .default(1);
