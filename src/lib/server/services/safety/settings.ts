import { eq } from 'drizzle-orm';
import { instanceSettings, type ContentPolicy } from '../../db/schema';
import type { Deps } from '../deps';

/** The admin's safety settings (Admin → Settings): what flagged content gets, and the NSFW classifier's switch. */
export type SafetySettings = {
  contentPolicy: ContentPolicy;
  nsfwClassifierEnabled: boolean;
  /** An NSFW score at or above this flags an image, 0–1. */
  nsfwThreshold: number;
};

/** Read per call, so an admin's change applies to the next request on every instance. */
export async function getSafetySettings(deps: Pick<Deps, 'db'>): Promise<SafetySettings> {
  const [row] = await deps.db
    .select({
      contentPolicy: instanceSettings.contentPolicy,
      nsfwClassifierEnabled: instanceSettings.nsfwClassifierEnabled,
      nsfwThreshold: instanceSettings.nsfwThreshold
    })
    .from(instanceSettings)
    .where(eq(instanceSettings.id, 1));
  if (!row) throw new Error('instance_settings has no row; the migrations did not run.');
  return row;
}
