/**
 * A plain name for an sRGB colour ("red", "dark blue" is just "blue"), from its hue, saturation and
 * lightness: coarse on purpose, so the names make useful search tags.
 */
export function nameColour(red: number, green: number, blue: number): string {
  const { hue, saturation, lightness } = toHsl(red, green, blue);
  if (lightness < 0.12) return 'black';
  if (lightness > 0.93) return 'white';
  if (saturation < 0.15) return 'grey';
  if (hue < 15 || hue >= 345) return lightness > 0.75 ? 'pink' : 'red';
  if (hue < 40) return lightness < 0.4 ? 'brown' : 'orange';
  if (hue < 66) return lightness < 0.3 ? 'olive' : 'yellow';
  if (hue < 165) return 'green';
  if (hue < 195) return 'teal';
  if (hue < 255) return 'blue';
  if (hue < 290) return 'purple';
  return lightness > 0.6 ? 'pink' : 'magenta';
}

/** Hue in degrees 0–360, saturation and lightness 0–1. */
function toHsl(red: number, green: number, blue: number) {
  const [r, g, b] = [red / 255, green / 255, blue / 255];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  const delta = max - min;
  if (delta === 0) return { hue: 0, saturation: 0, lightness };
  const saturation = delta / (1 - Math.abs(2 * lightness - 1));
  const sector = max === r ? ((g - b) / delta + 6) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  return { hue: sector * 60, saturation, lightness };
}
