/** Largest reduced term still read as a ratio (`21:9`, `32:9`); beyond it the decimal says more. */
const MAX_TERM = 32;

/** `16:9` for 1920×1080; `1.5:1` for 1000×667, whose reduced terms would be unreadable. */
export function aspectRatioOf(width: number, height: number): string {
  const divisor = greatestCommonDivisor(width, height);
  const [across, down] = [width / divisor, height / divisor];
  if (across <= MAX_TERM && down <= MAX_TERM) return `${across}:${down}`;
  return width >= height ? `${round2(width / height)}:1` : `1:${round2(height / width)}`;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}
