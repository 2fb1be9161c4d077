import type { Deps } from '../../../services/deps';
import { readImageContent } from '../../../services/library';
import type { Actor } from '../../../services/users';
import type { TContentInput } from './content.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TContentInput };

/** Base64 bytes for doors that cannot follow a URL (MCP image content and resources). */
export async function contentHandler({ ctx, input }: Options) {
  const content = await readImageContent(ctx.deps, ctx.user, input.id, input.variant, input.width);
  return { mediaType: content.mediaType, base64: Buffer.from(content.bytes).toString('base64') };
}
