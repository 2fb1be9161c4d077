import { createFrame, type Frame, type Layer } from './frame';
import {
  blobLayer,
  discLayer,
  gradientLayer,
  lightLinesLayer,
  ridgesLayer,
  ringsLayer,
  type Ridge,
  type Wave
} from './layers';
import { lightPlane } from './light';
import { chooseLook, type LocalStyle, type Look, type Rgb } from './look';
import { MOTIFS, readPrompt, type Motif } from './prompt-words';
import { createRandom, mix32, type Random } from './random';
import { rasterizePlanes, rasterizeRgba } from './rasterize';

/**
 * The background, colour field and light have no detail finer than a few percent of the image, so they are
 * painted at a quarter of the size and scaled up.
 */
const FIELD_SCALE = 4;

export type RenderRequest = { prompt: string; seed: number; width: number; height: number; style: LocalStyle };

/**
 * The procedural renderer: a soft colour field whose palette comes from the prompt's words (colour words
 * steer the hues) and whose layout comes from prompt and seed, plus scene motifs the prompt suggests.
 * Pure JS and deterministic: the same request gives the same RGBA bytes on every machine.
 */
export function renderImage(request: RenderRequest): Uint8ClampedArray {
  const reading = readPrompt(request.prompt);
  const look = chooseLook(reading, request.style);
  const random = createRandom(mix32(reading.hash ^ mix32(request.seed + 0x9e3779b9)));
  const motifs = chooseMotifs(reading.motifs, request.style, random);

  const fieldFrame = createFrame(Math.ceil(request.width / FIELD_SCALE), Math.ceil(request.height / FIELD_SCALE));
  const field = {
    frame: fieldFrame,
    ...rasterizePlanes(fieldFrame, [
      gradientLayer(fieldFrame, look.backgroundFrom, look.backgroundTo, random.between(0, 2 * Math.PI)),
      ...colourField(fieldFrame, look, random),
      ...glowOrbs(fieldFrame, look, random)
    ]),
    light: lightPlane(fieldFrame, { noise: look.noise, vignette: look.vignette, random })
  };

  const frame = createFrame(request.width, request.height);
  const hasHorizon = motifs.has('hills') || motifs.has('waves');
  const details: Layer[] = [
    ...(motifs.has('stars') ? starField(frame, look, random) : []),
    ...(motifs.has('rings') ? [rings(frame, look, random)] : []),
    ...(motifs.has('disc') ? [disc(frame, look, random, hasHorizon)] : []),
    ...(motifs.has('lines') ? [lightLines(frame, look, random)] : []),
    ...(motifs.has('hills') ? [ridgesLayer(frame, ridges(frame, look, random, 'hills'))] : []),
    ...(motifs.has('waves') ? [ridgesLayer(frame, ridges(frame, look, random, 'waves'))] : [])
  ];
  return rasterizeRgba(frame, field, details);
}

/** The prompt's motifs (at most three); otherwise one picked from the layout, so every image has a subject. */
function chooseMotifs(suggested: readonly Motif[], style: LocalStyle, random: Random): Set<Motif> {
  const motifs = new Set(suggested.slice(0, 3));
  if (motifs.size === 0) motifs.add(random.pick(MOTIFS));
  if (style === 'neon') motifs.add('lines');
  return motifs;
}

const colourAt = (look: Look, index: number): Rgb => look.colours[index % look.colours.length] ?? look.glow;

function mixRgb(from: Rgb, to: Rgb, amount: number): Rgb {
  return [
    from[0] + (to[0] - from[0]) * amount,
    from[1] + (to[1] - from[1]) * amount,
    from[2] + (to[2] - from[2]) * amount
  ];
}

/** Large overlapping soft blobs: the "mesh gradient" every image is built on. */
function colourField(frame: Frame, look: Look, random: Random): Layer[] {
  const offset = random.integer(0, look.colours.length - 1);
  return Array.from({ length: random.integer(4, 6) }, (_, index) =>
    blobLayer(frame, {
      x: random.between(-1.1, 1.1) * frame.halfWidth,
      y: random.between(-1.1, 1.1) * frame.halfHeight,
      radius: random.between(0.35, 0.75),
      // The first colour (the prompt's own) is used twice as often so it dominates.
      colour: colourAt(look, index % 2 === 0 ? 0 : offset + index),
      opacity: look.fieldOpacity * random.between(0.55, 1),
      blend: 'mix'
    })
  );
}

function glowOrbs(frame: Frame, look: Look, random: Random): Layer[] {
  return Array.from({ length: random.integer(1, 3) }, () =>
    blobLayer(frame, {
      x: random.between(-0.9, 0.9) * frame.halfWidth,
      y: random.between(-0.9, 0.9) * frame.halfHeight,
      radius: random.between(0.1, 0.3),
      colour: mixRgb(colourAt(look, random.integer(0, 4)), look.glow, 0.4),
      opacity: look.glowStrength * random.between(0.25, 0.5),
      blend: 'screen'
    })
  );
}

function starField(frame: Frame, look: Look, random: Random): Layer[] {
  const count = Math.round(random.between(220, 380) * frame.halfWidth * frame.halfHeight * 4);
  const colour = mixRgb(look.glow, [1, 1, 1], 0.5);
  return Array.from({ length: count }, () => {
    const bright = random.next() < 0.08;
    return blobLayer(frame, {
      x: random.between(-1, 1) * frame.halfWidth,
      y: random.between(-1, 1) * frame.halfHeight,
      radius: bright ? random.between(0.004, 0.008) : random.between(0.0015, 0.0035),
      colour,
      opacity: random.between(0.35, 1),
      blend: 'screen'
    });
  });
}

function rings(frame: Frame, look: Look, random: Random): Layer {
  return ringsLayer(frame, {
    x: random.between(-0.5, 0.5) * frame.halfWidth,
    y: random.between(-0.5, 0.5) * frame.halfHeight,
    radius: random.between(0.45, 0.8),
    spacing: random.between(0.025, 0.06),
    colour: mixRgb(colourAt(look, random.integer(1, 4)), look.glow, 0.3),
    strength: look.glowStrength * 0.8
  });
}

/** Sun, moon or planet; sits low when there is a horizon so the ridges can cut it. */
function disc(frame: Frame, look: Look, random: Random, hasHorizon: boolean): Layer {
  return discLayer(frame, {
    x: random.between(-0.5, 0.5) * frame.halfWidth,
    y: hasHorizon ? random.between(0, 0.15) : random.between(-0.3, 0.1),
    radius: random.between(0.09, 0.17),
    colour: mixRgb(colourAt(look, 0), look.glow, 0.55),
    halo: look.glowStrength * 0.55
  });
}

function randomWaves(random: Random, amplitude: number, frequency: number, count: number): Wave[] {
  return Array.from({ length: count }, (_, index) => ({
    amplitude: (amplitude * random.between(0.5, 1)) / (index + 1),
    frequency: frequency * (index + 1) * random.between(0.7, 1.4),
    phase: random.between(0, 2 * Math.PI)
  }));
}

function lightLines(frame: Frame, look: Look, random: Random): Layer {
  const count = random.integer(3, 6);
  const base = random.between(-0.2, 0.15);
  const shared = randomWaves(random, 0.12, random.between(2, 4), 2);
  return lightLinesLayer(
    frame,
    Array.from({ length: count }, (_, index) => ({
      base: base + (index - count / 2) * random.between(0.015, 0.05),
      waves: [...shared, ...randomWaves(random, 0.03, 6, 1)],
      thickness: random.between(0.0015, 0.004),
      colour: mixRgb(colourAt(look, index + 1), look.glow, 0.35),
      strength: look.glowStrength * random.between(0.5, 0.9)
    }))
  );
}

/**
 * Back-to-front silhouettes: far ones hazier, near ones sinking into shadow.
 * Waves are busier than hills and carry a foam crest.
 */
function ridges(frame: Frame, look: Look, random: Random, kind: 'hills' | 'waves'): Ridge[] {
  const count = kind === 'hills' ? random.integer(2, 4) : random.integer(4, 6);
  const top = kind === 'hills' ? random.between(0.02, 0.18) : random.between(0.12, 0.24);
  const depth = frame.halfHeight - top;
  return Array.from({ length: count }, (_, index) => {
    const nearness = (index + 1) / count;
    // Hills share the prompt's main colour, hazier with distance; waves cycle through the palette.
    const tint =
      kind === 'hills'
        ? mixRgb(colourAt(look, 0), look.glow, 0.3 * (1 - nearness))
        : mixRgb(colourAt(look, index), look.backgroundTo, 0.4);
    const ridge: Ridge = {
      base: top + depth * (index / count) * 0.8,
      waves:
        kind === 'hills'
          ? randomWaves(random, 0.09 * (1 - nearness * 0.4), random.between(1.5, 3), 3)
          : randomWaves(random, 0.025, random.between(5, 9), 2),
      colour: mixRgb(tint, look.shadow, kind === 'hills' ? 0.1 + 0.75 * nearness : 0.25 + 0.5 * nearness)
    };
    if (kind === 'waves') ridge.crest = { colour: mixRgb(look.glow, tint, 0.3), width: 0.006 };
    return ridge;
  });
}
