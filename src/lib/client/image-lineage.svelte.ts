import { handleError } from './errors';
import { trpc, type Lineage } from './trpc';

/** The parents and children of the image the lightbox shows, read again whenever another image is shown. */
export class ImageLineage {
  lineage: Lineage | null = $state(null);
  error: string | null = $state(null);

  #controller: AbortController | null = null;

  /** Reads the lineage of `id`; an answer for an image no longer shown is dropped. */
  load = async (id: string) => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.lineage = null;
    this.error = null;
    try {
      const lineage = await trpc.images.lineage.query({ id }, { signal: controller.signal });
      if (!controller.signal.aborted) this.lineage = lineage;
    } catch (error) {
      if (!controller.signal.aborted) this.error = handleError(error, 'The history of this image could not be loaded.');
    }
  };

  dispose = () => {
    this.#controller?.abort();
  };
}
