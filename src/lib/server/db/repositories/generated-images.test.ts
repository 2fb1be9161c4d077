import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../../..');
const REPOSITORY = 'src/lib/server/db/repositories/generated-images.ts';
/** A drizzle write on the table, or raw SQL writing it. */
const WRITES = [
  /\.(insert|update|delete)\(\s*generatedImages\b/,
  /\b(insert\s+into|update|delete\s+from)\s+"?generated_images"?/i
];

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|svelte)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('the generated_images repository', () => {
  it('should be the only module that writes generated_images', async () => {
    const files = (await Promise.all(['src', 'mcp', 'routes', 'scripts'].map(sourceFiles))).flat();
    const writers: string[] = [];
    for (const file of files) {
      const text = await readFile(join(ROOT, file), 'utf8');
      if (WRITES.some((write) => write.test(text))) writers.push(file);
    }
    expect(files.length).toBeGreaterThan(50);
    expect(writers).toStrictEqual([REPOSITORY]);
  });
});
