import { renderImage, type RenderRequest } from './render';

/** What a render worker runs: the whole module is the worker's entry. */
export default function renderTask(request: RenderRequest): Uint8ClampedArray {
  return renderImage(request);
}

/**
 * The file the workers load, as this module runs: a `.ts` source under vitest and tsx, a chunk of `build/`
 * in the built server. Read from the module itself because a bundler renames and moves it; kept on the
 * function so that the bundler keeps the function in that chunk.
 */
renderTask.moduleUrl = import.meta.url;
