import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} path @returns {number} */
function newestMtimeOf(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, /** @type {string} */ name) => Math.max(newest, newestMtimeOf(join(path, name))),
    stats.mtimeMs
  );
}

/**
 * The last change to any file under `paths` (missing ones skipped): a build older than it is rebuilt.
 * @param {string[]} paths
 */
export function newestMtime(paths) {
  return Math.max(0, ...paths.filter((path) => existsSync(path)).map(newestMtimeOf));
}

/** When `file` was written, 0 when it does not exist. @param {string} file */
export function mtimeOrZero(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}
