export { upscaleWithEsrgan } from './esrgan';
export { upscaleWithLanczos } from './lanczos';
export type { UpscaleScale } from './types';
