export { decodeRgba, type RgbaImage } from './decode';
export { encodeRgba, type EncodeFormat } from './encode';
export {
  IMAGE_FORMATS,
  MEDIA_TYPES,
  isImageFormat,
  type ImageFormat,
  type ImageMediaType,
  type PngImage
} from './formats';
export { inspectImage, type ImageInfo } from './inspect';
export { uprightImage } from './upright';
export { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, PREVIEW_SIZES, THUMBNAIL_SIZE, type PreviewSize } from './limits';
export { makePreview } from './preview';
export { maskToEditAlpha, normalizeMask } from './mask';
export { extendCanvas, type Expansion } from './outpaint';
export { inspectWithThumbnail, type InspectedImage, type Thumbnail } from './thumbnail';
export { convertImage, DOWNLOAD_FORMATS, DOWNLOAD_MEDIA_TYPES, type DownloadFormat } from './convert';
export { upscaleWithEsrgan, upscaleWithLanczos, type UpscaleScale } from './upscale';
export {
  aspectRatioOf,
  measurePixels,
  visionCopy,
  type MeasuredColour,
  type PixelStatistics,
  type VisionCopy
} from './analysis';
export { classifyNsfw, loadNsfwModel, nsfwModel, nsfwScore, type NsfwClasses, type NsfwModel } from './nsfw';
