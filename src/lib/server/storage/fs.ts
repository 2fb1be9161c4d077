import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { BlobStore } from './types';

/** Keys we generate look like `images/2026/11/<uuid>.png`; anything else is refused before touching the disk. */
export const BLOB_KEY_PATTERN = /^[a-z]+(\/[0-9]{4}\/[0-9]{2})?\/[0-9a-f-]{36}(-thumb)?\.(png|jpeg|webp)$/;

export function isValidBlobKey(key: string): boolean {
  return BLOB_KEY_PATTERN.test(key);
}

export function createFsBlobStore(options: { root: string; publicBaseUrl: string }): BlobStore {
  const root = resolve(options.root);

  function pathOf(key: string): string {
    const path = resolve(join(root, key));
    if (!isValidBlobKey(key) || !path.startsWith(root + sep)) throw new Error(`Invalid blob key: ${key}`);
    return path;
  }

  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader never sees half a file and a crash leaves only a temp file.
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    publicUrl(key) {
      return `${options.publicBaseUrl}/${key}`;
    }
  };
}
