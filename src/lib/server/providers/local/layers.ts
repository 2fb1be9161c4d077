import { mixInto, screenInto, toPixelX, toPixelY, toUnitX, type Frame, type Layer } from './frame';
import type { Rgb } from './look';

const smoothstep = (t: number) => t * t * (3 - 2 * t);
const clamp01 = (value: number) => (value < 0 ? 0 : value > 1 ? 1 : value);

/** Pixel rows and columns a shape of `radius` pixels around a centre can touch. */
function boundsOf(frame: Frame, centreX: number, centreY: number, radius: number) {
  return {
    left: Math.max(0, Math.floor(centreX - radius)),
    right: Math.min(frame.width - 1, Math.ceil(centreX + radius)),
    top: Math.max(0, Math.floor(centreY - radius)),
    bottom: Math.min(frame.height - 1, Math.ceil(centreY + radius))
  };
}

/** Linear gradient across the whole frame at `angle` radians; paints every pixel, so it goes first. */
export function gradientLayer(frame: Frame, from: Rgb, to: Rgb, angle: number): Layer {
  const extent = Math.hypot(frame.halfWidth, frame.halfHeight) * 2;
  const dy = Math.sin(angle) / extent;
  const alongX = Float32Array.from({ length: frame.width }, (_, x) => (toUnitX(frame, x) * Math.cos(angle)) / extent);
  return (row) => {
    const alongY = ((row.y + 0.5) / frame.unit - frame.halfHeight) * dy + 0.5;
    for (let x = 0; x < frame.width; x++) {
      const t = smoothstep(clamp01(alongX[x]! + alongY));
      row.red[x] = from[0] + (to[0] - from[0]) * t;
      row.green[x] = from[1] + (to[1] - from[1]) * t;
      row.blue[x] = from[2] + (to[2] - from[2]) * t;
    }
  };
}

export type Blob = { x: number; y: number; radius: number; colour: Rgb; opacity: number; blend: 'mix' | 'screen' };

/** A soft round light: (1 − d²/r²)³ looks Gaussian but ends at `radius`, so only its bounding box is visited. */
export function blobLayer(frame: Frame, blob: Blob): Layer {
  const centreX = toPixelX(frame, blob.x);
  const centreY = toPixelY(frame, blob.y);
  const radius = blob.radius * frame.unit;
  const inverseRadiusSquared = 1 / (radius * radius);
  const { left, right, top, bottom } = boundsOf(frame, centreX, centreY, radius);
  const [r, g, b] = blob.colour;
  const screen = blob.blend === 'screen';
  return ({ y, red, green, blue }) => {
    if (y < top || y > bottom) return;
    const dySquared = (y - centreY) * (y - centreY);
    for (let x = left; x <= right; x++) {
      const dx = x - centreX;
      const falloff = 1 - (dx * dx + dySquared) * inverseRadiusSquared;
      if (falloff <= 0) continue;
      const amount = falloff * falloff * falloff * blob.opacity;
      if (screen) {
        red[x] = 1 - (1 - red[x]!) * (1 - r * amount);
        green[x] = 1 - (1 - green[x]!) * (1 - g * amount);
        blue[x] = 1 - (1 - blue[x]!) * (1 - b * amount);
      } else {
        red[x] = red[x]! + (r - red[x]!) * amount;
        green[x] = green[x]! + (g - green[x]!) * amount;
        blue[x] = blue[x]! + (b - blue[x]!) * amount;
      }
    }
  };
}

export type Disc = { x: number; y: number; radius: number; colour: Rgb; halo: number };

/** A solid disc (sun, moon, planet) with an anti-aliased rim and a halo four times its size. */
export function discLayer(frame: Frame, disc: Disc): Layer {
  const halo = blobLayer(frame, {
    x: disc.x,
    y: disc.y,
    radius: disc.radius * 4,
    colour: disc.colour,
    opacity: disc.halo,
    blend: 'screen'
  });
  const centreX = toPixelX(frame, disc.x);
  const centreY = toPixelY(frame, disc.y);
  const radius = disc.radius * frame.unit;
  const { left, right, top, bottom } = boundsOf(frame, centreX, centreY, radius + 1);
  return (row) => {
    halo(row);
    if (row.y < top || row.y > bottom) return;
    const dySquared = (row.y - centreY) * (row.y - centreY);
    for (let x = left; x <= right; x++) {
      const dx = x - centreX;
      const coverage = clamp01(radius - Math.sqrt(dx * dx + dySquared) + 0.5);
      if (coverage > 0) mixInto(row, x, disc.colour, coverage);
    }
  };
}

export type Wave = { amplitude: number; frequency: number; phase: number };

/** Pixel row of a wavy line for every column: `base` plus a sum of sines, in units. */
function curveRows(frame: Frame, base: number, waves: readonly Wave[]): Float32Array {
  return Float32Array.from({ length: frame.width }, (_, x) => {
    const u = toUnitX(frame, x);
    return toPixelY(
      frame,
      waves.reduce((sum, wave) => sum + wave.amplitude * Math.sin(wave.frequency * u + wave.phase), base)
    );
  });
}

export type Ridge = {
  /** Height of the ridge line in units from the centre (positive is lower). */
  base: number;
  waves: Wave[];
  colour: Rgb;
  /** Lighter edge along the top, e.g. foam on a wave. */
  crest?: { colour: Rgb; width: number };
};

/**
 * Filled silhouettes below wavy lines (hills, dunes, sea), back to front. Ridges are opaque, so each one
 * stops where a nearer ridge covers the column completely.
 */
export function ridgesLayer(frame: Frame, ridges: readonly Ridge[]): Layer {
  const edges = ridges.map((ridge) => curveRows(frame, ridge.base, ridge.waves));
  const stops = ridges.map(() => new Float32Array(frame.width));
  let nearer = new Float32Array(frame.width).fill(frame.height);
  for (let index = ridges.length - 1; index >= 0; index--) {
    stops[index] = nearer;
    const edge = edges[index]!;
    nearer = nearer.map((stop, x) => Math.min(stop, Math.max(0, Math.ceil(edge[x]! + 0.5))));
  }
  const tops = edges.map((edge) => Math.floor(Math.min(...edge)));
  return (row) => {
    const { y, red, green, blue } = row;
    ridges.forEach((ridge, index) => {
      if (y < tops[index]!) return;
      const edge = edges[index]!;
      const stop = stops[index]!;
      const [r, g, b] = ridge.colour;
      const crestWidth = (ridge.crest?.width ?? 0) * frame.unit;
      for (let x = 0; x < frame.width; x++) {
        const depth = y - edge[x]!;
        if (depth <= -0.5 || y >= stop[x]!) continue;
        if (depth >= 0.5 && depth >= crestWidth) {
          red[x] = r;
          green[x] = g;
          blue[x] = b;
          continue;
        }
        const coverage = clamp01(depth + 0.5);
        mixInto(row, x, ridge.colour, coverage);
        if (ridge.crest && depth < crestWidth) {
          const glow = 1 - clamp01(depth) / crestWidth;
          screenInto(row, x, ridge.crest.colour, coverage * glow * glow);
        }
      }
    });
  };
}

export type LightLine = { base: number; waves: Wave[]; thickness: number; colour: Rgb; strength: number };

/** Thin glowing curves across the frame (light trails, aurora), fading in and out along their length. */
export function lightLinesLayer(frame: Frame, lines: readonly LightLine[]): Layer {
  const prepared = lines.map((line) => {
    const centres = curveRows(frame, line.base, line.waves);
    const core = line.thickness * frame.unit;
    const halo = core * 7;
    return {
      line,
      centres,
      core,
      halo,
      top: Math.min(...centres) - halo,
      bottom: Math.max(...centres) + halo,
      envelope: Float32Array.from(
        { length: frame.width },
        (_, x) => line.strength * Math.sin(Math.PI * (0.08 + (0.84 * x) / (frame.width - 1))) ** 2
      )
    };
  });
  return (row) => {
    for (const { line, centres, core, halo, top, bottom, envelope } of prepared) {
      if (row.y < top || row.y > bottom) continue;
      for (let x = 0; x < frame.width; x++) {
        const distance = Math.abs(row.y - centres[x]!);
        if (distance >= halo) continue;
        const coreLight = distance < core ? 1 - distance / core : 0;
        const haloLight = 1 - distance / halo;
        screenInto(
          row,
          x,
          line.colour,
          (coreLight * coreLight + 0.35 * haloLight * haloLight * haloLight) * envelope[x]!
        );
      }
    }
  };
}

export type Rings = { x: number; y: number; radius: number; spacing: number; colour: Rgb; strength: number };

/** Faint concentric rings around a point, fading out with distance. */
export function ringsLayer(frame: Frame, rings: Rings): Layer {
  const centreX = toPixelX(frame, rings.x);
  const centreY = toPixelY(frame, rings.y);
  const radius = rings.radius * frame.unit;
  const ringsPerPixel = 1 / (rings.spacing * frame.unit);
  const { left, right, top, bottom } = boundsOf(frame, centreX, centreY, radius);
  return (row) => {
    if (row.y < top || row.y > bottom) return;
    const dySquared = (row.y - centreY) * (row.y - centreY);
    for (let x = left; x <= right; x++) {
      const dx = x - centreX;
      const distance = Math.sqrt(dx * dx + dySquared);
      if (distance >= radius) continue;
      const phase = distance * ringsPerPixel;
      // 1 on a ring, 0 halfway between rings; the 8th power keeps rings thin.
      const onRing = Math.abs(phase - Math.floor(phase) - 0.5) * 2;
      const squared = onRing * onRing;
      const sharp = squared * squared;
      const fade = 1 - distance / radius;
      screenInto(row, x, rings.colour, sharp * sharp * fade * fade * rings.strength);
    }
  };
}
