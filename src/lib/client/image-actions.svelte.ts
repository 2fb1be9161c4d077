import { handleError } from './errors';
import { trpc, type EditOutcome, type Image, type OutpaintExpand } from './trpc';

/** The lightbox's actions on a stored image; each failure is shown next to its own control. */
export type ActionName = 'inpaint' | 'outpaint' | 'vary' | 'upscale' | 'restyle' | 'removeBackground';

/** What the studio sends for "subtle" and "strong" variations. */
export const VARIATION_STRENGTHS = { subtle: 0.25, strong: 0.75 } as const;

/** The instant "fast" upscale: Lanczos resampling in the built-in provider (providers/local/models.ts). */
export const FAST_UPSCALE = { provider: 'local', model: 'lanczos' } as const;

export type RunningAction = { name: ActionName; label: string };

export type RestyleFrom = { look: string } | { styleImage: string };

/**
 * Runs one action at a time on an image of the library: the new images go to `onDone`, a refusal stays
 * beside the control that asked, and `cancel` (Esc) aborts the call, which the server then stops.
 */
export class ImageActions {
  running: RunningAction | null = $state(null);
  failure: { name: ActionName; message: string } | null = $state(null);

  #onDone: (outcome: EditOutcome) => void;
  #controller: AbortController | null = null;

  constructor(onDone: (outcome: EditOutcome) => void) {
    this.#onDone = onDone;
  }

  /** The message of the last failure of `name`, if it was the last action tried. */
  errorOf = (name: ActionName): string | null => (this.failure?.name === name ? this.failure.message : null);

  inpaint = (image: Image, request: { mask: string; prompt: string }) =>
    this.#run('inpaint', 'Inpainting', (signal) =>
      trpc.images.edit.mutate(
        { image: image.id, editType: 'inpaint', mask: request.mask, prompt: request.prompt || undefined },
        { signal }
      )
    );

  outpaint = (image: Image, request: { expand: OutpaintExpand; prompt: string }) =>
    this.#run('outpaint', 'Outpainting', (signal) =>
      trpc.images.edit.mutate(
        { image: image.id, editType: 'outpaint', expand: request.expand, prompt: request.prompt || undefined },
        { signal }
      )
    );

  vary = (image: Image, strength: number) =>
    this.#run('vary', 'Making a variation', (signal) =>
      trpc.images.vary.mutate({ image: image.id, strength }, { signal })
    );

  upscale = (image: Image, scale: 2 | 4, fast: boolean) =>
    this.#run('upscale', `Upscaling ${scale}×`, (signal) =>
      trpc.images.upscale.mutate({ image: image.id, scale, ...(fast ? FAST_UPSCALE : {}) }, { signal })
    );

  restyle = (image: Image, from: RestyleFrom) =>
    this.#run('restyle', 'Restyling', (signal) => trpc.images.restyle.mutate({ image: image.id, ...from }, { signal }));

  removeBackground = (image: Image) =>
    this.#run('removeBackground', 'Removing the background', (signal) =>
      trpc.images.removeBackground.mutate({ image: image.id }, { signal })
    );

  cancel = () => {
    this.#controller?.abort();
  };

  /** Forgets a shown failure, e.g. when another image is viewed. */
  reset = () => {
    this.failure = null;
  };

  async #run(name: ActionName, label: string, call: (signal: AbortSignal) => Promise<EditOutcome>) {
    if (this.running) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.running = { name, label };
    this.failure = null;
    try {
      this.#onDone(await call(controller.signal));
    } catch (error) {
      const message = handleError(
        error,
        'Atelier could not be reached for this edit; check that the server is running and try again.'
      );
      if (message) this.failure = { name, message };
    } finally {
      this.running = null;
      this.#controller = null;
    }
  }
}
