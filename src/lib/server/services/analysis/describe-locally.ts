import type { ImageAnalysis } from '../../db/schema';
import { aspectRatioOf, type PixelStatistics } from '../../images';

/** What an analysis found, before it is stamped with its source, model and time. */
export type AnalysisFindings = Omit<ImageAnalysis, 'source' | 'model' | 'analyzedAt'>;

const DARK = 0.25;
const BRIGHT = 0.7;
const VERY_DARK = 0.1;
const VERY_BRIGHT = 0.92;
const HIGH_CONTRAST = 0.3;
const LOW_CONTRAST = 0.08;
const FLAT = 0.02;
/** Below this sharpness an image with visible structure has little fine detail (soft focus or blur). */
const SOFT = 0.006;
const SMALL_EDGE = 512;
/** A colour named in the tags and description covers at least this share of the image. */
const NAMED_SHARE = 0.1;
const PLAIN_SHARE = 0.98;
const NEUTRALS = new Set(['black', 'white', 'grey']);

/**
 * Tags, description and quality notes of an image from its pixel statistics (and classifier score, if any):
 * every word is read off a measurement, none is a guess about the content.
 */
export function describeLocally(stats: PixelStatistics, nsfwScore: number | null): AnalysisFindings {
  const { width, height, brightness, contrast, sharpness, palette } = stats;
  const aspectRatio = aspectRatioOf(width, height);
  const orientation = orientationOf(width, height);
  const plain = palette.length === 1 && palette[0]!.share >= PLAIN_SHARE;
  const soft = !plain && contrast >= FLAT && sharpness < SOFT;
  const named = sharesByName(palette).filter((colour) => colour.share >= NAMED_SHARE);
  const colourNames = named.map((colour) => colour.name);
  const tone = [
    brightness < DARK ? 'dark' : brightness > BRIGHT ? 'bright' : null,
    contrast >= HIGH_CONTRAST ? 'high-contrast' : !plain && contrast < LOW_CONTRAST ? 'low-contrast' : null
  ].filter((word) => word !== null);
  const tags = [
    orientation,
    ...tone,
    ...colourNames,
    plain ? 'plain' : null,
    !plain && colourNames.length > 0 && colourNames.every((name) => NEUTRALS.has(name)) ? 'monochrome' : null,
    soft ? 'soft' : null
  ].filter((tag) => tag !== null);
  return {
    description: describe({ width, height, aspectRatio, orientation, tone, plain, soft, named }),
    subjects: [],
    style: null,
    palette,
    composition: `${capitalize(orientation)} frame, ${aspectRatio}.`,
    qualityIssues: qualityIssues(stats, { plain, soft }),
    recreatePrompt: null,
    tags,
    metrics: { width, height, aspectRatio, brightness, contrast, sharpness, nsfwScore }
  };
}

type NamedShare = { name: string; share: number };

/** The palette's shares summed per colour name (three blues are one blue), largest first. */
function sharesByName(palette: PixelStatistics['palette']): NamedShare[] {
  const shares = new Map<string, number>();
  for (const colour of palette) shares.set(colour.name, (shares.get(colour.name) ?? 0) + colour.share);
  return [...shares].map(([name, share]) => ({ name, share })).sort((a, b) => b.share - a.share);
}

function orientationOf(width: number, height: number): string {
  if (width === height) return 'square';
  if (width >= 2 * height) return 'panorama';
  return width > height ? 'landscape' : 'portrait';
}

function describe(facts: {
  width: number;
  height: number;
  aspectRatio: string;
  orientation: string;
  tone: string[];
  plain: boolean;
  soft: boolean;
  named: NamedShare[];
}): string {
  const size = `A ${facts.orientation} ${facts.width}×${facts.height} image (${facts.aspectRatio})`;
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const [main, ...rest] = facts.named;
  const colours = facts.plain
    ? `of plain ${main!.name}`
    : main
      ? `mostly ${main.name} (${percent(main.share)})` +
        (rest.length ? ` with ${rest.map((colour) => `${colour.name} (${percent(colour.share)})`).join(', ')}` : '')
      : 'of many colours, none dominant';
  const tone = facts.tone.length ? `, ${facts.tone.join(' and ')}` : '';
  const detail = facts.soft ? '; soft, with little fine detail' : '';
  return `${size}${tone}, ${colours}${detail}. Measured from the pixels; the subject is not recognised.`;
}

function qualityIssues(stats: PixelStatistics, { plain, soft }: { plain: boolean; soft: boolean }): string[] {
  return [
    !plain && stats.brightness < VERY_DARK ? 'Very dark: detail may be lost in the shadows.' : null,
    !plain && stats.brightness > VERY_BRIGHT ? 'Very bright: highlights may be blown out.' : null,
    !plain && stats.contrast < LOW_CONTRAST ? 'Low contrast: it may look flat or washed out.' : null,
    soft ? 'Little fine detail: soft focus or blur.' : null,
    Math.min(stats.width, stats.height) < SMALL_EDGE
      ? `Small: ${Math.min(stats.width, stats.height)} px on its short side.`
      : null
  ].filter((issue) => issue !== null);
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
