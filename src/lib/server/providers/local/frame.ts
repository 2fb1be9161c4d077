import type { Rgb } from './look';

/**
 * Image geometry. Layers place things in "units" of the shorter side with the origin at the centre, so a
 * composition keeps its shape at every size and aspect ratio.
 */
export type Frame = {
  width: number;
  height: number;
  /** Pixels per unit (the shorter side). */
  unit: number;
  /** Half the width and height in units. */
  halfWidth: number;
  halfHeight: number;
};

export function createFrame(width: number, height: number): Frame {
  const unit = Math.min(width, height);
  return { width, height, unit, halfWidth: width / unit / 2, halfHeight: height / unit / 2 };
}

export const toUnitX = (frame: Frame, x: number) => (x + 0.5) / frame.unit - frame.halfWidth;
export const toPixelX = (frame: Frame, u: number) => (u + frame.halfWidth) * frame.unit - 0.5;
export const toPixelY = (frame: Frame, v: number) => (v + frame.halfHeight) * frame.unit - 0.5;

/** One scanline of float RGB (gamma-encoded, 0…1) that layers paint into, top to bottom. */
export type Row = { y: number; red: Float32Array; green: Float32Array; blue: Float32Array };

/** Paints its part of one row; layers run in order, so later ones sit on top. */
export type Layer = (row: Row) => void;

/** Moves pixel `x` of the row towards `colour` by `amount` (0…1). */
export function mixInto(row: Row, x: number, colour: Rgb, amount: number): void {
  row.red[x] = row.red[x]! + (colour[0] - row.red[x]!) * amount;
  row.green[x] = row.green[x]! + (colour[1] - row.green[x]!) * amount;
  row.blue[x] = row.blue[x]! + (colour[2] - row.blue[x]!) * amount;
}

/** Screen blend: adds light without ever exceeding white. */
export function screenInto(row: Row, x: number, colour: Rgb, amount: number): void {
  row.red[x] = 1 - (1 - row.red[x]!) * (1 - colour[0] * amount);
  row.green[x] = 1 - (1 - row.green[x]!) * (1 - colour[1] * amount);
  row.blue[x] = 1 - (1 - row.blue[x]!) * (1 - colour[2] * amount);
}
