import type { Attachment } from 'svelte/attachments';

/** Images whose file did not load (the server was down, the network dropped), waiting for the server. */
const failed = new Set<HTMLImageElement>();

/**
 * `{@attach retryWhenBack}` on an `<img>`: a failed load is remembered until `retryFailedImages` (the
 * health indicator seeing the server again) asks for the file once more.
 */
export const retryWhenBack: Attachment<HTMLImageElement> = (img) => {
  const remember = () => failed.add(img);
  const forget = () => failed.delete(img);
  img.addEventListener('error', remember);
  img.addEventListener('load', forget);
  return () => {
    img.removeEventListener('error', remember);
    img.removeEventListener('load', forget);
    forget();
  };
};

/** Setting `src` and `srcset` again, even to the same value, makes the browser fetch a failed image anew. */
export function retryFailedImages(): void {
  for (const img of failed) {
    const { src, srcset } = img;
    if (srcset) img.srcset = srcset;
    img.src = src;
  }
  failed.clear();
}
