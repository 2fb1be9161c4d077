import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of Atelier's package.json, found from this module's own file (`src/lib/server/` in the sources,
 * a chunk of `build/` or `dist/` when built), so a process started from any working directory (a desktop
 * MCP client starts servers in `/`) finds its migrations and its default data folder.
 */
function findInstallRoot(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`No package.json above ${from}: is Atelier installed whole?`);
  }
}

export const INSTALL_ROOT = findInstallRoot(dirname(fileURLToPath(import.meta.url)));
