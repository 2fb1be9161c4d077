import { upscaleWithEsrgan, type UpscaleScale } from '../../images';

export type UpscaleTask = { bytes: Uint8Array; scale: UpscaleScale };

/** What an upscale worker runs: the whole module is the worker's entry, and it keeps the loaded networks. */
export default function upscaleTask(task: UpscaleTask): Promise<Uint8Array> {
  return upscaleWithEsrgan(task.bytes, task.scale);
}

/** The file the workers load, as this module runs (see `render-task.ts`). */
upscaleTask.moduleUrl = import.meta.url;
