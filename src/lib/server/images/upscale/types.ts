/** The enlargements the offline upscalers offer: ESRGAN slim ships a network per factor. */
export type UpscaleScale = 2 | 4;
