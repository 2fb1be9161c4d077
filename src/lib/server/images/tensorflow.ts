import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as Tf from '@tensorflow/tfjs';

export type TensorFlow = typeof Tf;

/**
 * `upscaler/node`, the model packages and nsfwjs are loaded as CommonJS (the first ones have no `import`
 * export), and loading TensorFlow.js through `require` as well keeps one copy of it, so the backend set here
 * is the one the upscaler and the NSFW classifier use.
 */
export const requireCommonJs = createRequire(import.meta.url);

/** Model files (`model.json` and its weight shards) read from disk: plain TensorFlow.js only fetches URLs. */
function fileModelHandler(tf: TensorFlow, url: string): Tf.io.IOHandler {
  const modelUrl = new URL(url);
  return {
    async load() {
      const modelJson = JSON.parse(await readFile(modelUrl, 'utf8')) as Tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const shards = manifest.flatMap((group) => group.paths.map((path) => readFile(new URL(path, modelUrl))));
        const weights = Buffer.concat(await Promise.all(shards));
        const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
        return [manifest.flatMap((group) => group.weights), buffer as ArrayBuffer];
      });
    }
  };
}

async function start(): Promise<TensorFlow> {
  const tf = requireCommonJs('@tensorflow/tfjs') as TensorFlow;
  requireCommonJs('@tensorflow/tfjs-backend-wasm');
  const fileRouter = (url: string | string[]) =>
    typeof url === 'string' && url.startsWith('file://') ? fileModelHandler(tf, url) : null;
  // Typed as always answering, a router returns null at run time for URLs it leaves to the others.
  tf.io.registerLoadRouter(fileRouter as Parameters<TensorFlow['io']['registerLoadRouter']>[0]);
  // The WebAssembly binaries ship in @tensorflow/tfjs-backend-wasm; the pure-JS cpu backend is ~20× slower.
  if (!(await tf.setBackend('wasm'))) throw new Error('The TensorFlow.js WebAssembly backend did not start.');
  return tf;
}

let started: Promise<TensorFlow> | undefined;

/** TensorFlow.js on its WebAssembly backend, reading model files from disk; started once per thread (shared by the upscaler and the NSFW classifier). */
export function tensorFlow(): Promise<TensorFlow> {
  started ??= start();
  return started;
}
