import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPgliteSnapshot } from '../../src/lib/server/db/pglite';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, empty PGlite data dir as a tarball; `createTestDatabase` loads it. */
    pgliteSnapshotPath: string;
  }
}

/** Creating a PGlite costs 4–5 s and ~0.8 GB, so the run creates one and every test loads its snapshot. */
export default async function setup(project: TestProject) {
  const snapshot = await createPgliteSnapshot(resolve('drizzle'));
  const folder = await mkdtemp(join(tmpdir(), 'atelier-pglite-'));
  const path = join(folder, 'migrated.tar');
  await writeFile(path, Buffer.from(await snapshot.arrayBuffer()));
  project.provide('pgliteSnapshotPath', path);
  return () => rm(folder, { recursive: true, force: true });
}
