import { getInstanceSettings } from '../../../services/admin';
import type { Deps } from '../../../services/deps';
import { needsFirstAdmin } from '../../../services/sign-up';

/** Public: what the sign-in page offers (create the admin, sign up, or sign in only). */
export async function setupStatusHandler({ ctx }: { ctx: { deps: Deps } }) {
  const [needsAdmin, settings] = await Promise.all([needsFirstAdmin(ctx.deps), getInstanceSettings(ctx.deps)]);
  return { needsAdmin, signUpPolicy: settings.signUpPolicy };
}
