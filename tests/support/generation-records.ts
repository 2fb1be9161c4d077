import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/client';
import { budgetReservations, generatedImages } from '../../src/lib/server/db/schema';

/**
 * The image rows and budget reservations in the PGlite database of `dataDir` (a `DATA_DIR`), read
 * straight from the tables. PGlite allows one process at a time: the server using it must have stopped.
 */
export async function readGenerationRecords(dataDir: string) {
  const handle = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
  try {
    const images = await handle.db
      .select({
        id: generatedImages.id,
        prompt: generatedImages.prompt,
        status: generatedImages.status,
        costUsd: generatedImages.costUsd
      })
      .from(generatedImages);
    const reservations = await handle.db
      .select({
        id: budgetReservations.id,
        status: budgetReservations.status,
        reservedMicros: budgetReservations.reservedMicros,
        actualMicros: budgetReservations.actualMicros
      })
      .from(budgetReservations);
    return { images, reservations };
  } finally {
    await handle.close();
  }
}
