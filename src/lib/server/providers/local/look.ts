import { linearToGamma, oklabToLinear, type Triple } from './colour-space';
import type { PromptReading } from './prompt-words';
import { createRandom, hashString, type Random } from './random';

/** Red, green, blue in 0…1, gamma-encoded sRGB. */
export type Rgb = readonly [number, number, number];

export const LOCAL_STYLES = ['vivid', 'natural', 'pastel', 'monochrome', 'neon'] as const;
export type LocalStyle = (typeof LOCAL_STYLES)[number];
export const DEFAULT_STYLE: LocalStyle = 'vivid';

export function isLocalStyle(style: string): style is LocalStyle {
  return (LOCAL_STYLES as readonly string[]).includes(style);
}

type Range = readonly [number, number];

/** OKLCH lightness and chroma per role, plus how strongly each layer shows. */
type StyleSpec = {
  background: { lightness: Range; chroma: number };
  colours: { lightness: Range; chroma: Range };
  glow: { lightness: number; chroma: number };
  shadow: { lightness: number; chroma: number };
  fieldOpacity: number;
  glowStrength: number;
  vignette: number;
  noise: number;
};

const STYLES: Record<LocalStyle, StyleSpec> = {
  vivid: {
    background: { lightness: [0.13, 0.25], chroma: 0.05 },
    colours: { lightness: [0.52, 0.76], chroma: [0.15, 0.22] },
    glow: { lightness: 0.92, chroma: 0.1 },
    shadow: { lightness: 0.12, chroma: 0.04 },
    fieldOpacity: 0.8,
    glowStrength: 0.7,
    vignette: 0.5,
    noise: 0.07
  },
  natural: {
    background: { lightness: [0.2, 0.34], chroma: 0.03 },
    colours: { lightness: [0.48, 0.72], chroma: [0.06, 0.1] },
    glow: { lightness: 0.9, chroma: 0.05 },
    shadow: { lightness: 0.18, chroma: 0.025 },
    fieldOpacity: 0.75,
    glowStrength: 0.4,
    vignette: 0.4,
    noise: 0.09
  },
  pastel: {
    background: { lightness: [0.9, 0.96], chroma: 0.03 },
    colours: { lightness: [0.8, 0.9], chroma: [0.06, 0.1] },
    glow: { lightness: 0.98, chroma: 0.03 },
    shadow: { lightness: 0.72, chroma: 0.06 },
    fieldOpacity: 0.8,
    glowStrength: 0.45,
    vignette: 0.08,
    noise: 0.03
  },
  monochrome: {
    background: { lightness: [0.1, 0.24], chroma: 0 },
    colours: { lightness: [0.35, 0.85], chroma: [0, 0] },
    glow: { lightness: 0.96, chroma: 0 },
    shadow: { lightness: 0.08, chroma: 0 },
    fieldOpacity: 0.75,
    glowStrength: 0.6,
    vignette: 0.55,
    noise: 0.1
  },
  neon: {
    background: { lightness: [0.07, 0.14], chroma: 0.04 },
    colours: { lightness: [0.6, 0.72], chroma: [0.26, 0.32] },
    glow: { lightness: 0.9, chroma: 0.16 },
    shadow: { lightness: 0.06, chroma: 0.03 },
    fieldOpacity: 0.5,
    glowStrength: 1,
    vignette: 0.6,
    noise: 0.05
  }
};

export type Look = {
  backgroundFrom: Rgb;
  backgroundTo: Rgb;
  /** Five colours for the soft colour field; the prompt's first colour word comes first. */
  colours: Rgb[];
  glow: Rgb;
  shadow: Rgb;
  fieldOpacity: number;
  glowStrength: number;
  vignette: number;
  noise: number;
};

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Hue offsets from the base hue, for prompts that name at most one colour. */
const HUE_SCHEMES: readonly (readonly number[])[] = [
  [0, 25, -25, 50, -50],
  [0, 20, 180, -20, 200],
  [0, 120, 240, 20, 140],
  [0, 150, 210, 30, -30],
  [0, 35, 70, -35, 180]
];

function chooseHues(reading: PromptReading, random: Random): number[] {
  const jitter = random.between(-6, 6);
  if (reading.hues.length >= 2) {
    const named = reading.hues;
    return [0, 1, 2, 3, 4].map(
      (index) => (named[index % named.length] ?? 0) + jitter + (index >= named.length ? 15 : 0)
    );
  }
  const base = reading.hues[0] ?? random.between(0, 360);
  // A single named colour must dominate, so it only gets neighbours, never the wide schemes.
  const scheme = reading.hues.length === 1 ? [0, 18, -18, 36, -36] : random.pick(HUE_SCHEMES);
  return scheme.map((offset) => base + jitter + offset);
}

/** The palette and layer strengths for a prompt in a style; depends on the prompt and style only, not the seed. */
export function chooseLook(reading: PromptReading, style: LocalStyle): Look {
  const spec = STYLES[style];
  const random = createRandom(reading.hash ^ hashString(style));
  const hues = chooseHues(reading, random);
  const lightness = (value: number) => clamp(value + reading.lightnessShift, 0.04, 0.97);
  const chroma = (value: number) => (value === 0 ? 0 : clamp(value + reading.chromaShift, 0, 0.37));
  const [first = 0, second = first] = hues;
  const colours = hues.map((hue) =>
    oklchToRgb(
      lightness(random.between(...spec.colours.lightness)),
      chroma(random.between(...spec.colours.chroma)),
      hue
    )
  );
  return {
    backgroundFrom: oklchToRgb(lightness(spec.background.lightness[0]), chroma(spec.background.chroma), first + 10),
    backgroundTo: oklchToRgb(
      lightness(spec.background.lightness[1]),
      chroma(spec.background.chroma * 1.4),
      second - 10
    ),
    colours,
    glow: oklchToRgb(lightness(spec.glow.lightness), chroma(spec.glow.chroma), first + 15),
    shadow: oklchToRgb(lightness(spec.shadow.lightness), chroma(spec.shadow.chroma), second),
    fieldOpacity: spec.fieldOpacity,
    glowStrength: spec.glowStrength,
    vignette: spec.vignette,
    noise: spec.noise
  };
}

function oklchToLinear(lightness: number, chroma: number, hueDegrees: number): Triple {
  const hue = (hueDegrees * Math.PI) / 180;
  return oklabToLinear(lightness, chroma * Math.cos(hue), chroma * Math.sin(hue), [0, 0, 0]);
}

/** OKLCH → sRGB, lowering chroma until the colour fits the gamut so hues stay true instead of clipping. */
export function oklchToRgb(lightness: number, chroma: number, hueDegrees: number): Rgb {
  let fitted = chroma;
  let linear = oklchToLinear(lightness, fitted, hueDegrees);
  while (fitted > 0.001 && linear.some((channel) => channel < -0.0005 || channel > 1.0005)) {
    fitted *= 0.9;
    linear = oklchToLinear(lightness, fitted, hueDegrees);
  }
  return [linearToGamma(linear[0]), linearToGamma(linear[1]), linearToGamma(linear[2])];
}
