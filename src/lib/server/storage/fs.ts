import { mkdir, opendir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { BlobStore } from './types';

/** Keys we generate look like `images/2026/11/<uuid>.png`; anything else is refused before touching the disk. */
export const BLOB_KEY_PATTERN =
  /^[a-z]+(\/[0-9]{4}\/[0-9]{2})?\/[0-9a-f-]{36}(-thumb|-mask|-preview[0-9]+)?\.(png|jpeg|webp)$/;

export function isValidBlobKey(key: string): boolean {
  return BLOB_KEY_PATTERN.test(key);
}

/** What `put` writes before renaming: `<path>.<pid>.tmp`. */
const TEMPORARY_SUFFIX = /\.[0-9]+\.tmp$/;

/** Every file under `root` (none when it does not exist yet), as a path relative to it with `/` separators. */
async function* filesUnder(root: string): AsyncGenerator<{ key: string; path: string }> {
  const directory = await opendir(root, { recursive: true }).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  });
  if (!directory) return;
  for await (const entry of directory) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    yield { key: relative(root, path).split(sep).join('/'), path };
  }
}

/** A file's last change, or null when it is gone already (deleted by another sweep or request). */
async function modifiedAt(path: string): Promise<Date | null> {
  try {
    return (await stat(path)).mtime;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
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
    async has(key) {
      return (await modifiedAt(pathOf(key))) !== null;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    publicUrl(key) {
      return `${options.publicBaseUrl}/${key}`;
    },
    async *list() {
      for await (const file of filesUnder(root)) {
        if (!isValidBlobKey(file.key)) continue;
        const modified = await modifiedAt(file.path);
        if (modified) yield { key: file.key, modifiedAt: modified };
      }
    },
    async removeUnfinishedWrites(before) {
      let removed = 0;
      for await (const file of filesUnder(root)) {
        if (!TEMPORARY_SUFFIX.test(file.key) || !isValidBlobKey(file.key.replace(TEMPORARY_SUFFIX, ''))) continue;
        const modified = await modifiedAt(file.path);
        if (!modified || modified >= before) continue;
        await rm(file.path, { force: true });
        removed += 1;
      }
      return removed;
    }
  };
}
