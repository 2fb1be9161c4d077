/**
 * The size whose width:height is closest to `ratio` ("16:9"), compared on a log scale so 2:1 and 1:2 are
 * equally far from 1:1; among equally close sizes the first listed (callers put the model's default first).
 */
export function nearestSize(sizes: readonly string[], ratio: string): string {
  const [width, height] = ratio.split(':').map(Number) as [number, number];
  const wanted = Math.log(width / height);
  const distance = (size: string) => {
    const [w, h] = size.split('x').map(Number) as [number, number];
    return Math.abs(Math.log(w / h) - wanted);
  };
  return sizes.reduce((best, size) => (distance(size) < distance(best) ? size : best));
}
