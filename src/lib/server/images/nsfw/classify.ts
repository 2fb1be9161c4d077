import { openImage, toImageError } from '../sharp';
import { NSFW_CLASSES, NSFW_INPUT_SIZE, type NsfwClass, type NsfwModel } from './model';

export type NsfwClasses = Record<NsfwClass, number>;

/** The probability of sexual content: Porn and Hentai in full, half of Sexy (suggestive, not explicit). */
export function nsfwScore(classes: NsfwClasses): number {
  return Math.min(1, classes.Porn + classes.Hentai + 0.5 * classes.Sexy);
}

/** Upright RGB pixels squeezed to the network's input square (transparency flattened onto white). */
async function inputPixels(bytes: Uint8Array): Promise<Int32Array> {
  try {
    const data = await openImage(bytes)
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .resize(NSFW_INPUT_SIZE, NSFW_INPUT_SIZE, { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer();
    return Int32Array.from(data);
  } catch (error) {
    throw toImageError(error);
  }
}

/** Each class's probability for an encoded image (PNG, JPEG or WebP). */
export async function classifyNsfw(model: NsfwModel, bytes: Uint8Array): Promise<NsfwClasses> {
  const size = NSFW_INPUT_SIZE;
  const input = model.tf.tensor3d(await inputPixels(bytes), [size, size, 3], 'int32');
  try {
    const predictions = await model.net.classify(input, NSFW_CLASSES.length);
    const classes = Object.fromEntries(NSFW_CLASSES.map((name) => [name, 0])) as NsfwClasses;
    for (const { className, probability } of predictions) classes[className] = probability;
    return classes;
  } finally {
    input.dispose();
  }
}
