import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Tf from '@tensorflow/tfjs';
import { requireCommonJs, tensorFlow, type TensorFlow } from '../tensorflow';

/** The classes MobileNetV2 answers, with a probability each (they sum to 1). */
export const NSFW_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;
export type NsfwClass = (typeof NSFW_CLASSES)[number];

/** The side of the square input MobileNetV2 was trained on. */
export const NSFW_INPUT_SIZE = 224;

/** The part of nsfwjs used here (its typings pull in browser types). */
export type NsfwNet = {
  classify(image: Tf.Tensor3D, topk: number): Promise<{ className: NsfwClass; probability: number }[]>;
};
type NsfwCore = {
  NSFWJS: new (model: string | Tf.io.IOHandler, options: { size: number }) => NsfwNet & { load(): Promise<void> };
};
type ModelDefinition = {
  modelJson(): Promise<{ default: Tf.io.ModelJSON }>;
  weightBundles: (() => Promise<{ default: string }>)[];
};

export type NsfwModel = { tf: TensorFlow; net: NsfwNet; loadedFrom: 'package' | 'cache' };

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

/**
 * The model as nsfwjs ships it: the topology and the weights as base64 inside its JavaScript files (read
 * from node_modules, never downloaded). Decoding them takes ~6 s; the cache below ~1 s.
 */
async function packagedArtifacts(): Promise<{ modelJson: Tf.io.ModelJSON; weights: Buffer }> {
  const { MobileNetV2Model } = requireCommonJs('nsfwjs/models/mobilenet_v2') as { MobileNetV2Model: ModelDefinition };
  const modelJson = (await MobileNetV2Model.modelJson()).default;
  const shards = await Promise.all(MobileNetV2Model.weightBundles.map(async (bundle) => (await bundle()).default));
  return { modelJson, weights: Buffer.concat(shards.map((shard) => Buffer.from(shard, 'base64'))) };
}

/** Writes `model.json` and one `weights.bin` in `directory`, each renamed into place once complete. */
async function writeCache(directory: string, modelJson: Tf.io.ModelJSON, weights: Buffer): Promise<void> {
  await mkdir(directory, { recursive: true });
  const cached: Tf.io.ModelJSON = {
    ...modelJson,
    weightsManifest: [
      { paths: [WEIGHTS_FILE], weights: (modelJson.weightsManifest ?? []).flatMap((group) => group.weights) }
    ]
  };
  const suffix = `.${process.pid}.tmp`;
  await writeFile(join(directory, WEIGHTS_FILE + suffix), weights);
  await rename(join(directory, WEIGHTS_FILE + suffix), join(directory, WEIGHTS_FILE));
  await writeFile(join(directory, MODEL_FILE + suffix), JSON.stringify(cached));
  await rename(join(directory, MODEL_FILE + suffix), join(directory, MODEL_FILE));
}

async function hasCache(directory: string): Promise<boolean> {
  return readFile(join(directory, MODEL_FILE), 'utf8').then(
    () => true,
    () => false
  );
}

/**
 * nsfwjs's MobileNetV2 on TensorFlow.js's wasm backend, offline: from `cacheDirectory` when the model was
 * saved there (and loads), else decoded from the package and saved there for the next start (a failed save
 * is only slower next time). `cacheDirectory` null never writes.
 */
export async function loadNsfwModel(cacheDirectory: string | null): Promise<NsfwModel> {
  const tf = await tensorFlow();
  const { NSFWJS } = requireCommonJs('nsfwjs/core') as NsfwCore;
  const options = { size: NSFW_INPUT_SIZE };
  if (cacheDirectory && (await hasCache(cacheDirectory))) {
    const net = new NSFWJS(pathToFileURL(join(resolve(cacheDirectory), MODEL_FILE)).href, options);
    // A damaged cache (a crash mid-write, a disk error) is replaced from the package below.
    const usable = await net.load().then(
      () => true,
      () => false
    );
    if (usable) return { tf, net, loadedFrom: 'cache' };
  }
  const { modelJson, weights } = await packagedArtifacts();
  const artifacts = tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => [
    manifest.flatMap((group) => group.weights),
    weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer
  ]);
  const net = new NSFWJS(tf.io.fromMemory(await artifacts), options);
  await net.load();
  if (cacheDirectory) await writeCache(cacheDirectory, modelJson, weights).catch(() => undefined);
  return { tf, net, loadedFrom: 'package' };
}

const loaded = new Map<string, Promise<NsfwModel>>();

/** The model saved in (or first saved to) `cacheDirectory`, loaded on first use and kept for the life of the thread. */
export function nsfwModel(cacheDirectory: string): Promise<NsfwModel> {
  let model = loaded.get(cacheDirectory);
  if (!model) {
    model = loadNsfwModel(cacheDirectory);
    loaded.set(cacheDirectory, model);
    model.catch(() => loaded.delete(cacheDirectory));
  }
  return model;
}
