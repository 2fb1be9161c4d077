import { endImageRows, findImageRows } from '../../db/repositories/generated-images';
import type { GeneratedImageRow } from '../../db/schema';
import type { Deps } from '../deps';
import type { ImageTally } from './progress';

/**
 * Ends unfinished rows as failed or canceled and reports each. A row that ended meanwhile (canceled by its
 * owner) keeps its own state, which is what gets reported.
 */
export async function endRows(
  deps: Pick<Deps, 'db' | 'clock'>,
  tally: ImageTally,
  rows: { index: number; row: GeneratedImageRow }[],
  ending: { status: 'failed' | 'canceled'; errorMessage: string }
): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map(({ row }) => row.id);
  const ended = await endImageRows(deps.db, ids, { ...ending, completedAt: deps.clock() });
  const endedById = new Map(ended.map((row) => [row.id, row]));
  const missing = ids.filter((id) => !endedById.has(id));
  for (const row of await findImageRows(deps.db, missing)) endedById.set(row.id, row);
  for (const { index, row } of rows) tally.end(index, endedById.get(row.id) ?? { ...row, ...ending });
}
