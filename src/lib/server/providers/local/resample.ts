/** For each target index, the two source indices around it and the weight of the second (edges clamp). */
type SampleGrid = { from: Int32Array; to: Int32Array; weight: Float32Array };

function sampleGrid(targetLength: number, sourceLength: number): SampleGrid {
  const from = new Int32Array(targetLength);
  const to = new Int32Array(targetLength);
  const weight = new Float32Array(targetLength);
  const scale = sourceLength / targetLength;
  for (let index = 0; index < targetLength; index++) {
    const position = Math.min(sourceLength - 1, Math.max(0, (index + 0.5) * scale - 0.5));
    from[index] = Math.floor(position);
    to[index] = Math.min(sourceLength - 1, from[index]! + 1);
    weight[index] = position - from[index]!;
  }
  return { from, to, weight };
}

/** The two stretched source rows around a target row; the target row is `top + (bottom − top) × weight`. */
export type RowPair = { top: Float32Array; bottom: Float32Array; weight: number };

/**
 * Bilinear upscaling of a small plane, one target row at a time and top to bottom: each source row is
 * stretched to the target width once and kept while neighbouring target rows need it. The vertical lerp is
 * left to the caller, which fuses it into its own pass over the row.
 */
export function createRowSampler(
  source: Float32Array,
  sourceWidth: number,
  sourceHeight: number,
  width: number,
  height: number
) {
  const { from: left, to: right, weight: columnWeight } = sampleGrid(width, sourceWidth);
  const rows = sampleGrid(height, sourceHeight);
  let upper = { sourceY: -1, values: new Float32Array(width) };
  let lower = { sourceY: -1, values: new Float32Array(width) };

  const widen = (sourceY: number, target: Float32Array) => {
    const start = sourceY * sourceWidth;
    for (let x = 0; x < width; x++) {
      const leftValue = source[start + left[x]!]!;
      target[x] = leftValue + (source[start + right[x]!]! - leftValue) * columnWeight[x]!;
    }
  };

  const pair: RowPair = { top: upper.values, bottom: lower.values, weight: 0 };
  return (y: number): RowPair => {
    const above = rows.from[y]!;
    const below = rows.to[y]!;
    if (upper.sourceY !== above) {
      if (lower.sourceY === above) [upper, lower] = [lower, upper];
      else {
        widen(above, upper.values);
        upper.sourceY = above;
      }
    }
    if (lower.sourceY !== below) {
      widen(below, lower.values);
      lower.sourceY = below;
    }
    pair.top = upper.values;
    pair.bottom = lower.values;
    pair.weight = rows.weight[y]!;
    return pair;
  };
}
