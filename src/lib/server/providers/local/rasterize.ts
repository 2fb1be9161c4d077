import type { Frame, Layer, Row } from './frame';
import { createRowSampler } from './resample';

/** Planes of a small, smooth image: the colour field and its light. */
export type Field = { frame: Frame; red: Float32Array; green: Float32Array; blue: Float32Array; light: Float32Array };

function createRow(width: number): Row {
  return { y: 0, red: new Float32Array(width), green: new Float32Array(width), blue: new Float32Array(width) };
}

/** Runs `layers` over every row of `frame` into float RGB planes. */
export function rasterizePlanes(frame: Frame, layers: readonly Layer[]) {
  const { width, height } = frame;
  const planes = {
    red: new Float32Array(width * height),
    green: new Float32Array(width * height),
    blue: new Float32Array(width * height)
  };
  const row = createRow(width);
  for (let y = 0; y < height; y++) {
    row.y = y;
    for (const layer of layers) layer(row);
    planes.red.set(row.red, y * width);
    planes.green.set(row.green, y * width);
    planes.blue.set(row.blue, y * width);
  }
  return planes;
}

/** 4×4 Bayer matrix: a fixed sub-LSB pattern that breaks up banding in smooth gradients. */
const BAYER = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5].map((rank) => (rank + 0.5) / 16 - 0.5);

/**
 * The full-size image, one row at a time: the field scaled up bilinearly, the detail layers on top, then
 * light and dither into 8-bit RGBA. Only one float row exists at a time, which keeps this fast and small.
 */
export function rasterizeRgba(frame: Frame, field: Field, layers: readonly Layer[]): Uint8ClampedArray {
  const { width, height } = frame;
  const source = field.frame;
  const sampler = (plane: Float32Array) => createRowSampler(plane, source.width, source.height, width, height);
  const sampleRed = sampler(field.red);
  const sampleGreen = sampler(field.green);
  const sampleBlue = sampler(field.blue);
  const sampleLight = sampler(field.light);
  const row = createRow(width);
  const { red, green, blue } = row;
  const output = new Uint8ClampedArray(width * height * 4);
  new Uint32Array(output.buffer).fill(0xffffffff); // opaque alpha everywhere, so the loop below skips it
  for (let y = 0; y < height; y++) {
    const r = sampleRed(y);
    const g = sampleGreen(y);
    const b = sampleBlue(y);
    const weight = r.weight;
    for (let x = 0; x < width; x++) {
      red[x] = r.top[x]! + (r.bottom[x]! - r.top[x]!) * weight;
      green[x] = g.top[x]! + (g.bottom[x]! - g.top[x]!) * weight;
      blue[x] = b.top[x]! + (b.bottom[x]! - b.top[x]!) * weight;
    }
    row.y = y;
    for (const layer of layers) layer(row);
    const light = sampleLight(y);
    const bayerRow = (y & 3) * 4;
    let offset = y * width * 4;
    for (let x = 0; x < width; x++) {
      const shade = (light.top[x]! + (light.bottom[x]! - light.top[x]!) * weight) * 255;
      const dither = BAYER[bayerRow + (x & 3)]!;
      output[offset] = red[x]! * shade + dither;
      output[offset + 1] = green[x]! * shade + dither;
      output[offset + 2] = blue[x]! * shade + dither;
      offset += 4;
    }
  }
  return output;
}
