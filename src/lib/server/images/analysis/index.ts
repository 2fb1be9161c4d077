export { aspectRatioOf } from './aspect-ratio';
export { measurePixels, type MeasuredColour, type PixelStatistics } from './pixel-statistics';
