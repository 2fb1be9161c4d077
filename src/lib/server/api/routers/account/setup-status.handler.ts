import { getInstanceSettings } from '../../../services/admin';
import type { Deps } from '../../../services/deps';
import { needsFirstAdmin } from '../../../services/sign-up';

/** Public: only what the sign-in page needs (set up the admin with the setup link, sign up, or sign in only). */
export async function setupStatusHandler({ ctx }: { ctx: { deps: Deps } }) {
  const [setupRequired, settings] = await Promise.all([needsFirstAdmin(ctx.deps), getInstanceSettings(ctx.deps)]);
  return { setupRequired, signUpPolicy: settings.signUpPolicy };
}
