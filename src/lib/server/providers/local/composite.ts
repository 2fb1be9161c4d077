/**
 * How much of each pixel an edit may change (0…1) from a mask in the provider contract's form: grey, white
 * = change, black = keep. Masks arrive grey, so the red channel is the grey level.
 */
export function maskWeights(mask: Uint8Array): Float32Array {
  const weights = new Float32Array(mask.length / 4);
  for (let pixel = 0; pixel < weights.length; pixel++) weights[pixel] = mask[pixel * 4]! / 255;
  return weights;
}

/**
 * RGBA pixels of `from` moved towards `to` by `amount` (per pixel, or one amount for all), alpha included,
 * rounded to the nearest byte by the clamped array. A pixel whose amount is 0 keeps its bytes exactly.
 */
export function mixPixels(
  from: Uint8Array,
  to: Uint8Array | Uint8ClampedArray,
  amount: Float32Array | number
): Uint8ClampedArray {
  const mixed = new Uint8ClampedArray(from.length);
  const perPixel = typeof amount === 'number' ? undefined : amount;
  const uniform = typeof amount === 'number' ? amount : 0;
  for (let offset = 0; offset < from.length; offset += 4) {
    const weight = perPixel ? perPixel[offset >> 2]! : uniform;
    for (let channel = offset; channel < offset + 4; channel++) {
      mixed[channel] = from[channel]! + (to[channel]! - from[channel]!) * weight;
    }
  }
  return mixed;
}
