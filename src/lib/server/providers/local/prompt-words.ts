import { hashString } from './random';

/** Scene elements the renderer can add on top of its soft colour field. */
export type Motif = 'waves' | 'hills' | 'stars' | 'lines' | 'rings' | 'disc';

export const MOTIFS: readonly Motif[] = ['waves', 'hills', 'stars', 'lines', 'rings', 'disc'];

type WordMeaning = { hues?: number[]; lightness?: number; chroma?: number; motifs?: Motif[] };

/** Hues are OKLCH degrees (red ≈ 25, yellow ≈ 100, green ≈ 145, blue ≈ 260, purple ≈ 310). */
const WORDS: Record<string, WordMeaning> = {
  red: { hues: [25] },
  crimson: { hues: [15] },
  scarlet: { hues: [30] },
  ruby: { hues: [10] },
  blood: { hues: [20], lightness: -0.05 },
  fire: { hues: [40, 70], motifs: ['lines'] },
  flame: { hues: [45, 75], motifs: ['lines'] },
  lava: { hues: [35, 60], lightness: -0.04, motifs: ['lines'] },
  orange: { hues: [55] },
  amber: { hues: [70] },
  autumn: { hues: [50, 75, 30], chroma: -0.02, motifs: ['hills'] },
  rust: { hues: [45], chroma: -0.03 },
  gold: { hues: [85] },
  golden: { hues: [85] },
  yellow: { hues: [100] },
  lemon: { hues: [105] },
  sun: { hues: [80, 60], motifs: ['disc'] },
  sunny: { hues: [90], lightness: 0.05 },
  desert: { hues: [70, 50], chroma: -0.03, motifs: ['hills', 'disc'] },
  sand: { hues: [80], chroma: -0.04 },
  dune: { hues: [65], chroma: -0.03, motifs: ['hills'] },
  lime: { hues: [125] },
  green: { hues: [145] },
  forest: { hues: [150, 130], lightness: -0.05, motifs: ['hills'] },
  jungle: { hues: [140, 160] },
  leaf: { hues: [135] },
  moss: { hues: [125], chroma: -0.03 },
  emerald: { hues: [160] },
  mint: { hues: [170], lightness: 0.05 },
  spring: { hues: [135, 350], lightness: 0.05 },
  teal: { hues: [190] },
  turquoise: { hues: [195] },
  cyan: { hues: [205] },
  aqua: { hues: [200] },
  ice: { hues: [220], chroma: -0.04, lightness: 0.05 },
  frozen: { hues: [225], chroma: -0.04 },
  winter: { hues: [235], chroma: -0.05, motifs: ['hills'] },
  snow: { hues: [240], chroma: -0.06, lightness: 0.08 },
  ocean: { hues: [230, 200], motifs: ['waves'] },
  sea: { hues: [220, 195], motifs: ['waves'] },
  water: { hues: [225], motifs: ['waves'] },
  wave: { hues: [215], motifs: ['waves'] },
  waves: { hues: [215], motifs: ['waves'] },
  beach: { hues: [205, 85], motifs: ['waves', 'disc'] },
  river: { hues: [215], motifs: ['waves'] },
  lake: { hues: [220], motifs: ['hills'] },
  sky: { hues: [240] },
  blue: { hues: [260] },
  azure: { hues: [245] },
  sapphire: { hues: [265] },
  navy: { hues: [265], lightness: -0.06 },
  night: { hues: [275], lightness: -0.07, motifs: ['stars'] },
  midnight: { hues: [280], lightness: -0.08, motifs: ['stars'] },
  space: { hues: [285, 320], lightness: -0.06, motifs: ['stars'] },
  galaxy: { hues: [295, 330], motifs: ['stars', 'rings'] },
  cosmic: { hues: [300, 200], motifs: ['stars'] },
  star: { motifs: ['stars'] },
  stars: { motifs: ['stars'] },
  moon: { hues: [250], motifs: ['disc', 'stars'] },
  planet: { motifs: ['disc', 'rings'] },
  indigo: { hues: [285] },
  violet: { hues: [300] },
  purple: { hues: [310] },
  lavender: { hues: [305], lightness: 0.06, chroma: -0.04 },
  magenta: { hues: [335] },
  pink: { hues: [350] },
  rose: { hues: [5] },
  cherry: { hues: [10], motifs: ['disc'] },
  blossom: { hues: [355], lightness: 0.05 },
  sunset: { hues: [45, 15, 330], motifs: ['disc', 'hills'] },
  sunrise: { hues: [65, 25], motifs: ['disc', 'hills'] },
  dawn: { hues: [55, 345], lightness: 0.03 },
  dusk: { hues: [300, 45] },
  aurora: { hues: [160, 300], motifs: ['lines', 'stars'] },
  neon: { hues: [335, 200], chroma: 0.04, motifs: ['lines'] },
  rainbow: { hues: [25, 100, 145, 260, 310] },
  mountain: { motifs: ['hills'] },
  mountains: { motifs: ['hills'] },
  hill: { motifs: ['hills'] },
  hills: { motifs: ['hills'] },
  landscape: { motifs: ['hills'] },
  valley: { motifs: ['hills'] },
  field: { motifs: ['hills'] },
  wind: { motifs: ['lines'] },
  flow: { motifs: ['lines'] },
  silk: { motifs: ['lines'] },
  smoke: { chroma: -0.05, motifs: ['lines'] },
  light: { lightness: 0.05, motifs: ['lines'] },
  circle: { motifs: ['rings'] },
  ring: { motifs: ['rings'] },
  portal: { motifs: ['rings'] },
  orbit: { motifs: ['rings'] },
  eye: { motifs: ['rings', 'disc'] },
  dark: { lightness: -0.07 },
  shadow: { lightness: -0.06 },
  noir: { lightness: -0.08, chroma: -0.08 },
  gloomy: { lightness: -0.06, chroma: -0.04 },
  bright: { lightness: 0.07, chroma: 0.02 },
  white: { lightness: 0.1, chroma: -0.06 },
  black: { lightness: -0.09, chroma: -0.03 },
  gray: { chroma: -0.08 },
  grey: { chroma: -0.08 },
  fog: { chroma: -0.06, lightness: 0.04 },
  foggy: { chroma: -0.06, lightness: 0.04 },
  mist: { chroma: -0.05, lightness: 0.04 },
  misty: { chroma: -0.05, lightness: 0.04 },
  muted: { chroma: -0.05 },
  vibrant: { chroma: 0.04 },
  electric: { chroma: 0.04, motifs: ['lines'] }
};

export type PromptReading = {
  /** Hash of the normalised prompt: case and spacing do not change the picture. */
  hash: number;
  /** Hues named by the prompt, in order, without repeats. */
  hues: number[];
  lightnessShift: number;
  chromaShift: number;
  motifs: Motif[];
};

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** What the words of a prompt say about colour, light and scene. Unknown words only feed the hash. */
export function readPrompt(prompt: string): PromptReading {
  const words = prompt.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const hues: number[] = [];
  const motifs: Motif[] = [];
  let lightnessShift = 0;
  let chromaShift = 0;
  for (const word of words) {
    const meaning = Object.hasOwn(WORDS, word) ? WORDS[word] : undefined;
    if (!meaning) continue;
    for (const hue of meaning.hues ?? []) if (!hues.includes(hue)) hues.push(hue);
    for (const motif of meaning.motifs ?? []) if (!motifs.includes(motif)) motifs.push(motif);
    lightnessShift += meaning.lightness ?? 0;
    chromaShift += meaning.chroma ?? 0;
  }
  return {
    // A prompt without letters or digits (e.g. only emoji) still needs its own picture.
    hash: hashString(words.length > 0 ? words.join(' ') : prompt.trim()),
    hues: hues.slice(0, 5),
    lightnessShift: clamp(lightnessShift, -0.12, 0.12),
    chromaShift: clamp(chromaShift, -0.1, 0.06),
    motifs
  };
}
