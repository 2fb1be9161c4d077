import type { Deps } from '../../../services/deps';
import {
  applyPreset,
  createPreset,
  deletePreset,
  listPresets,
  presetFromImage,
  updatePreset
} from '../../../services/presets';
import type { Actor } from '../../../services/users';
import type {
  TApplyPresetInput,
  TCreatePresetInput,
  TPresetFromImageInput,
  TPresetIdInput,
  TUpdatePresetInput
} from './presets.schema';

type Ctx = { deps: Deps; user: Actor };

export const presetHandlers = {
  list: async ({ ctx }: { ctx: Ctx }) => ({ presets: await listPresets(ctx.deps, ctx.user) }),
  create: ({ ctx, input }: { ctx: Ctx; input: TCreatePresetInput }) => createPreset(ctx.deps, ctx.user, input),
  update: ({ ctx, input: { id, ...patch } }: { ctx: Ctx; input: TUpdatePresetInput }) =>
    updatePreset(ctx.deps, ctx.user, id, patch),
  delete: ({ ctx, input }: { ctx: Ctx; input: TPresetIdInput }) => deletePreset(ctx.deps, ctx.user, input.id),
  fromImage: ({ ctx, input }: { ctx: Ctx; input: TPresetFromImageInput }) =>
    presetFromImage(ctx.deps, ctx.user, input.imageId, input.name),
  use: ({ ctx, input }: { ctx: Ctx; input: TApplyPresetInput }) =>
    applyPreset(ctx.deps, ctx.user, input.id, input.prompt)
};
