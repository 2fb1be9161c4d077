/**
 * sRGB ↔ Oklab (https://bottosson.github.io/posts/oklab/): the Lab space the renderer picks its palettes in
 * and the colour transfer measures images in. Conversions write into `out` so per-pixel loops allocate nothing.
 */

export type Triple = [number, number, number];

const clamp01 = (value: number) => (value < 0 ? 0 : value > 1 ? 1 : value);

export function gammaToLinear(value: number): number {
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

export function linearToGamma(value: number): number {
  const clamped = clamp01(value);
  return clamped <= 0.0031308 ? 12.92 * clamped : 1.055 * clamped ** (1 / 2.4) - 0.055;
}

/** Linear light of every 8-bit sRGB value. */
export const BYTE_TO_LINEAR = Float32Array.from({ length: 256 }, (_, byte) => gammaToLinear(byte / 255));

/** Steps of the linear → byte table: fine enough that the darkest step is a twentieth of a byte. */
const LINEAR_STEPS = 65535;
const LINEAR_TO_BYTE = Uint8Array.from({ length: LINEAR_STEPS + 1 }, (_, step) =>
  Math.round(linearToGamma(step / LINEAR_STEPS) * 255)
);

/** Linear light (clamped to 0…1) as an 8-bit sRGB value, through a table instead of a power per channel. */
export function linearToByte(value: number): number {
  return LINEAR_TO_BYTE[Math.round(clamp01(value) * LINEAR_STEPS)]!;
}

const CUBE_ROOT_STEPS = 4096;
const CUBE_ROOTS = Float64Array.from({ length: CUBE_ROOT_STEPS + 2 }, (_, step) => Math.cbrt(step / CUBE_ROOT_STEPS));
/** Below this the cube root is too steep to interpolate from the table. */
const STEEP_BELOW = 1 / 256;

/**
 * The cube root of 0…1 interpolated from a table (error below 2e-5), a few times faster than `Math.cbrt`,
 * which is the bulk of converting a picture to Oklab.
 */
function cubeRoot(value: number): number {
  if (value < STEEP_BELOW || value >= 1) return Math.cbrt(value);
  const position = value * CUBE_ROOT_STEPS;
  const step = position | 0;
  const below = CUBE_ROOTS[step]!;
  return below + (CUBE_ROOTS[step + 1]! - below) * (position - step);
}

export function linearToOklab(red: number, green: number, blue: number, out: Triple): Triple {
  const l = cubeRoot(0.4122214708 * red + 0.5363325363 * green + 0.0514459929 * blue);
  const m = cubeRoot(0.2119034982 * red + 0.6806995451 * green + 0.1073969566 * blue);
  const s = cubeRoot(0.0883024619 * red + 0.2817188376 * green + 0.6299787005 * blue);
  out[0] = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  out[1] = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  out[2] = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  return out;
}

/** Linear RGB of an Oklab colour; may fall outside 0…1 when the colour is outside the sRGB gamut. */
export function oklabToLinear(lightness: number, a: number, b: number, out: Triple): Triple {
  const cubeRootL = lightness + 0.3963377774 * a + 0.2158037573 * b;
  const cubeRootM = lightness - 0.1055613458 * a - 0.0638541728 * b;
  const cubeRootS = lightness - 0.0894841775 * a - 1.291485548 * b;
  // Products, not `** 3`: V8 computes a power by `Math.pow`, several times slower in per-pixel loops.
  const l = cubeRootL * cubeRootL * cubeRootL;
  const m = cubeRootM * cubeRootM * cubeRootM;
  const s = cubeRootS * cubeRootS * cubeRootS;
  out[0] = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
  out[1] = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
  out[2] = -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s;
  return out;
}
