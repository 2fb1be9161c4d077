import type { Frame } from './frame';
import type { Random } from './random';

const smoothstep = (t: number) => t * t * (3 - 2 * t);

/** Smooth value noise: random values on a lattice of `columns` × `rows` cells, smoothstep-interpolated. */
function createValueNoise(random: Random, columns: number, rows: number) {
  const stride = columns + 2;
  const lattice = Float32Array.from({ length: stride * (rows + 2) }, () => random.next());
  return (u: number, v: number) => {
    const column = Math.floor(u);
    const row = Math.floor(v);
    const sx = smoothstep(u - column);
    const sy = smoothstep(v - row);
    const index = row * stride + column;
    const top = lattice[index]! + (lattice[index + 1]! - lattice[index]!) * sx;
    const bottom = lattice[index + stride]! + (lattice[index + stride + 1]! - lattice[index + stride]!) * sx;
    return top + (bottom - top) * sy;
  };
}

/**
 * How much light each pixel of `frame` keeps (1 = unchanged): cloudy variation from value noise (two octaves,
 * 3 and 7 cells per unit) times a vignette. Both are smooth, so callers compute this on a small frame.
 */
export function lightPlane(frame: Frame, options: { noise: number; vignette: number; random: Random }): Float32Array {
  const { width, height, unit } = frame;
  const coarse = createValueNoise(options.random, Math.ceil((width / unit) * 3), Math.ceil((height / unit) * 3));
  const fine = createValueNoise(options.random, Math.ceil((width / unit) * 7), Math.ceil((height / unit) * 7));
  const light = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const ny = (y + 0.5) / height - 0.5;
    for (let x = 0; x < width; x++) {
      const nx = (x + 0.5) / width - 0.5;
      const corner = (nx * nx + ny * ny) * 2;
      const texture = coarse((x / unit) * 3, (y / unit) * 3) * 0.65 + fine((x / unit) * 7, (y / unit) * 7) * 0.35;
      light[y * width + x] = (1 + options.noise * (texture - 0.5) * 2) * (1 - options.vignette * corner * corner);
    }
  }
  return light;
}
