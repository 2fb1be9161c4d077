import { AppError } from '../../errors';
import type { CallWarning, EditCall, InputImage, ModelCapabilities } from '../types';

/** Inputs of an edit call besides the knobs; each edit model takes some of them. */
export type EditInput = keyof Pick<
  EditCall,
  'prompt' | 'mask' | 'searchPrompt' | 'expand' | 'scale' | 'upscaleMode' | 'strength' | 'faceEnhance' | 'extraImages'
>;

const INPUT_NAMES: Record<EditInput, string> = {
  prompt: 'prompt',
  mask: 'mask',
  searchPrompt: 'search prompt',
  expand: 'expansion (left, right, up, down)',
  scale: 'scale',
  upscaleMode: 'upscale mode',
  strength: 'strength (creativity)',
  faceEnhance: 'face enhancement',
  extraImages: 'extra reference images'
};

function isSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim() !== '';
  return value !== undefined && value !== null && value !== false;
}

/**
 * Inputs the model has no field for: a warning each, never dropped silently. A mask is refused, because
 * the result would be wrong (the whole image would change).
 */
export function unusedEditInputWarnings(
  model: ModelCapabilities,
  call: EditCall,
  uses: readonly EditInput[]
): CallWarning[] {
  if (call.mask && !uses.includes('mask')) {
    throw new AppError('validation', `${model.id} works on the whole image; it takes no mask.`);
  }
  return (Object.keys(INPUT_NAMES) as EditInput[])
    .filter((input) => !uses.includes(input) && isSet(call[input]))
    .map((input) => ({ type: 'other', message: `${model.id} takes no ${INPUT_NAMES[input]}; it was not sent.` }));
}

export function assertRequiredEditInputs(
  model: ModelCapabilities,
  call: EditCall,
  requires: readonly EditInput[]
): void {
  const missing = requires.filter((input) => !isSet(call[input]));
  if (missing.length > 0) {
    throw new AppError(
      'validation',
      `${model.id} cannot work without: ${missing.map((input) => INPUT_NAMES[input]).join(', ')}.`
    );
  }
}

export function assertMaskFits(call: EditCall): void {
  const { image, mask } = call;
  if (mask && (mask.width !== image.width || mask.height !== image.height)) {
    throw new AppError(
      'validation',
      `The mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}; they must match.`
    );
  }
}

export function assertStrength(strength: number | undefined): void {
  if (strength !== undefined && !(strength >= 0 && strength <= 1)) {
    throw new AppError('validation', `Strength (creativity) must be from 0 to 1; got ${strength}.`);
  }
}

const EXTENSIONS: Record<InputImage['mediaType'], string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp'
};

/** The file name an input image is uploaded under (`image.png`): vendors read the type from its extension too. */
export function inputFileName(image: InputImage, name: string): string {
  return `${name}.${EXTENSIONS[image.mediaType]}`;
}
