import type { Deps } from '../../../services/deps';
import { describeOAuthClient, listConnectedApps, revokeConnectedApp } from '../../../services/oauth-apps';
import type { Actor } from '../../../services/users';
import type { TClientIdInput } from './client-id.schema';

type Ctx = { deps: Deps; user: Actor };

export function listHandler({ ctx }: { ctx: Ctx }) {
  return listConnectedApps(ctx.deps, ctx.user);
}

export function clientHandler({ ctx, input }: { ctx: Ctx; input: TClientIdInput }) {
  return describeOAuthClient(ctx.deps, input.clientId);
}

export async function revokeHandler({ ctx, input }: { ctx: Ctx; input: TClientIdInput }) {
  await revokeConnectedApp(ctx.deps, ctx.user, input.clientId);
  return { revoked: true as const };
}
