/** The nominal ~1 megapixel render of each aspect ratio vendors take (Stability v2beta, Flux). */
const NOMINAL_SIZE_BY_RATIO: Record<string, string> = {
  '1:1': '1024x1024',
  '16:9': '1344x768',
  '21:9': '1536x640',
  '3:2': '1216x832',
  '2:3': '832x1216',
  '4:5': '896x1088',
  '5:4': '1088x896',
  '3:4': '896x1152',
  '4:3': '1152x896',
  '9:16': '768x1344',
  '9:21': '640x1536'
};

/** `sizes` and `aspectRatios` of a model sized by aspect ratio (the size is what a person picks). */
export function sizesOfAspectRatios(ratios: readonly string[]): {
  sizes: string[];
  aspectRatios: Record<string, string>;
} {
  const sizes = ratios.map((ratio) => {
    const size = NOMINAL_SIZE_BY_RATIO[ratio];
    if (!size) throw new Error(`No nominal size for aspect ratio ${ratio}.`);
    return size;
  });
  return { sizes, aspectRatios: Object.fromEntries(sizes.map((size, index) => [size, ratios[index]!])) };
}

/** SDXL's native ~1 megapixel buckets (Stability's v1 list; Replicate's SDXL models render them well). */
export const SDXL_SIZES = [
  '1024x1024',
  '1152x896',
  '896x1152',
  '1216x832',
  '832x1216',
  '1344x768',
  '768x1344',
  '1536x640',
  '640x1536'
];
