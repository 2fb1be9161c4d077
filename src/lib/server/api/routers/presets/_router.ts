import { generateScopeProcedure, readProcedure, router } from '../../trpc';
import { ZAppliedPresetOutput, ZPresetDeleteOutput, ZPresetListOutput, ZPresetOutput } from './preset.output';
import { presetHandlers } from './presets.handler';
import {
  ZApplyPresetInput,
  ZCreatePresetInput,
  ZPresetFromImageInput,
  ZPresetIdInput,
  ZUpdatePresetInput
} from './presets.schema';

/** Style presets: provider, model, knobs and prompt additions the studio's form takes in one step. */
export const presetsRouter = router({
  list: readProcedure.output(ZPresetListOutput).query(presetHandlers.list),
  create: generateScopeProcedure.input(ZCreatePresetInput).output(ZPresetOutput).mutation(presetHandlers.create),
  /** Editing a built-in saves the caller's own copy, which replaces it in their list. */
  update: generateScopeProcedure.input(ZUpdatePresetInput).output(ZPresetOutput).mutation(presetHandlers.update),
  delete: generateScopeProcedure.input(ZPresetIdInput).output(ZPresetDeleteOutput).mutation(presetHandlers.delete),
  /** "Save as preset": the provider, model, size and knobs of one of the caller's images. */
  fromImage: generateScopeProcedure
    .input(ZPresetFromImageInput)
    .output(ZPresetOutput)
    .mutation(presetHandlers.fromImage),
  /** The form fields a preset fills for `prompt`; counts the use (a write, so the generate scope). */
  use: generateScopeProcedure.input(ZApplyPresetInput).output(ZAppliedPresetOutput).mutation(presetHandlers.use)
});
