import { z } from 'zod';

/** How many images one bulk action (favorite, delete, restore, add to a collection …) may name. */
export const MAX_IMAGE_IDS = 500;

export const ZImageIds = z
  .array(z.uuid('Each id must be an image id (a UUID).'))
  .min(1, 'Name at least one image id.')
  .max(MAX_IMAGE_IDS, `At most ${MAX_IMAGE_IDS} images per request; split the selection.`);
