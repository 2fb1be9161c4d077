import type { Deps } from '../../../services/deps';
import { reportImage } from '../../../services/reports';
import type { Actor } from '../../../services/users';
import type { TReportInput } from './report.schema';

type Options = { ctx: { deps: Deps; user: Actor }; input: TReportInput };

export function reportHandler({ ctx, input }: Options) {
  return reportImage(ctx.deps, ctx.user, { imageId: input.id, reason: input.reason, details: input.details });
}
