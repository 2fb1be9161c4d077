import { AppError } from '../../errors';
import type { LabTarget } from './colour-transfer';

/**
 * The named looks of `color-transfer`: the Oklab statistics an image is moved to (lightness 0…1; a: green −,
 * red +; b: blue −, yellow +; spread = standard deviation). A value left out keeps the image's own.
 */
const COLOUR_LOOKS = new Map<string, LabTarget>(
  Object.entries({
    /** Warm cast, softer contrast. */
    'warm-film': [{ spread: 0.17 }, { mean: 0.012 }, { mean: 0.045 }],
    /** Cool blue-green cast. */
    'cool-teal': [{}, { mean: -0.03 }, { mean: -0.035 }],
    /** Black and white, hard contrast. */
    noir: [{ spread: 0.27 }, { mean: 0, spread: 0 }, { mean: 0, spread: 0 }],
    /** Brown monotone. */
    sepia: [{}, { mean: 0.012, spread: 0.006 }, { mean: 0.04, spread: 0.012 }],
    /** Light, low contrast, soft colour. */
    pastel: [{ mean: 0.82, spread: 0.09 }, { spread: 0.03 }, { spread: 0.03 }],
    /** Strong contrast and saturated colour. */
    vivid: [{ spread: 0.22 }, { spread: 0.09 }, { spread: 0.11 }]
  } satisfies Record<string, LabTarget>)
);

export const COLOUR_LOOK_NAMES = [...COLOUR_LOOKS.keys()];

export function findColourLook(name: string): LabTarget {
  const look = COLOUR_LOOKS.get(name);
  if (!look) throw new AppError('validation', `There is no look "${name}". Looks: ${COLOUR_LOOK_NAMES.join(', ')}.`);
  return look;
}
