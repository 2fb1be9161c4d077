import { createApiKey, listApiKeys, revokeApiKey } from '../../../services/api-keys';
import type { Deps } from '../../../services/deps';
import type { Actor } from '../../../services/users';
import type { TCreateKeyInput } from './create.schema';
import type { TKeyIdInput } from './revoke.schema';

type Ctx = { deps: Deps; user: Actor };

export function listHandler({ ctx }: { ctx: Ctx }) {
  return listApiKeys(ctx.deps, ctx.user);
}

export function createHandler({ ctx, input }: { ctx: Ctx; input: TCreateKeyInput }) {
  return createApiKey(ctx.deps, ctx.user, input);
}

export function revokeHandler({ ctx, input }: { ctx: Ctx; input: TKeyIdInput }) {
  return revokeApiKey(ctx.deps, ctx.user, input.id);
}
