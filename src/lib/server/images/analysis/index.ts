export { aspectRatioOf } from './aspect-ratio';
export { measurePixels, type MeasuredColour, type PixelStatistics } from './pixel-statistics';
export { VISION_MAX_BYTES, VISION_MAX_EDGE, visionCopy, type VisionCopy } from './vision-copy';
