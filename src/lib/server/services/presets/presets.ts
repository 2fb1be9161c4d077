import {
  countPresetUse,
  deleteOwnPreset,
  findCopyOf,
  findUsablePreset,
  insertPreset,
  listVisiblePresets,
  updateOwnPreset,
  type PresetListRow
} from '../../db/repositories/style-presets';
import { AppError } from '../../errors';
import type { Deps } from '../deps';
import { findOwnedRow } from '../library';
import type { Actor } from '../users';
import { presetSettingsOf, toPresetDto, withPresetText, type PresetDto, type PresetSettings } from './preset-dto';

type PresetDeps = Pick<Deps, 'db' | 'storage'>;

/** What a user sets on a preset; null clears a field. */
export type PresetFields = {
  name: string;
  description?: string | null;
  provider?: string | null;
  model?: string | null;
  settings?: PresetSettings;
  promptPrefix?: string | null;
  promptSuffix?: string | null;
};

/** The form fields applying a preset fills: the prompt with its additions, and what the preset sets. */
export type AppliedPreset = {
  preset: PresetDto;
  prompt: string;
  provider: string | null;
  model: string | null;
  settings: PresetSettings;
};

/** The actor's presets and the built-ins they have not replaced with their own copy, by name. */
export async function listPresets(deps: PresetDeps, actor: Actor): Promise<PresetDto[]> {
  const rows = await listVisiblePresets(deps.db, actor.id);
  return rows.map((row) => toPresetDto(row, deps.storage));
}

export async function createPreset(deps: PresetDeps, actor: Actor, fields: PresetFields): Promise<PresetDto> {
  const row = await insertPreset(deps.db, { ...fields, userId: actor.id });
  if (!row) throw nameTaken(fields.name);
  return toPresetDto(row, deps.storage);
}

/**
 * Changes one of the actor's presets. A built-in is never changed: the first edit saves the actor's own copy
 * (`basedOnId`), which replaces it in their list; later edits of either id change that copy.
 */
export async function updatePreset(
  deps: PresetDeps,
  actor: Actor,
  id: string,
  patch: Partial<PresetFields>
): Promise<PresetDto> {
  const preset = await findPreset(deps, actor, id);
  if (preset.userId === null) {
    const copy = await findCopyOf(deps.db, actor.id, preset.id);
    if (!copy) return copyBuiltIn(deps, actor, preset, patch);
    return updateOwn(deps, actor, copy.id, patch);
  }
  return updateOwn(deps, actor, preset.id, patch);
}

/** Deletes one of the actor's presets; deleting the copy of a built-in brings the built-in back. */
export async function deletePreset(
  deps: PresetDeps,
  actor: Actor,
  id: string
): Promise<{ id: string; restoredBuiltInId: string | null }> {
  const preset = await findPreset(deps, actor, id);
  if (preset.userId === null) {
    throw new AppError(
      'forbidden',
      `"${preset.name}" is built in and cannot be deleted; edit it to make your own copy instead.`
    );
  }
  if (!(await deleteOwnPreset(deps.db, actor.id, preset.id))) throw notFound(id);
  return { id: preset.id, restoredBuiltInId: preset.basedOnId };
}

/** "Save as preset": the provider, model, size and knobs of one of the actor's generated images, previewed by it. */
export async function presetFromImage(
  deps: PresetDeps,
  actor: Actor,
  imageId: string,
  name: string
): Promise<PresetDto> {
  const image = await findOwnedRow(deps, actor, imageId);
  if (image.deletedAt) {
    throw new AppError('validation', `Image ${imageId} is in the trash; restore it to save it as a preset.`);
  }
  if (image.editType !== null || image.status !== 'completed') {
    throw new AppError(
      'validation',
      `Image ${imageId} is ${image.editType ? `an ${image.editType === 'upload' ? 'upload' : 'edit'}` : `${image.status}`}; ` +
        'save a completed generated image as a preset.'
    );
  }
  const settings: PresetSettings = presetSettingsOf({
    size: image.size,
    quality: image.quality,
    style: image.style,
    negativePrompt: image.negativePrompt,
    steps: image.steps,
    cfgScale: image.cfgScale
  });
  const row = await insertPreset(deps.db, {
    userId: actor.id,
    name,
    description: `From the image "${image.prompt.slice(0, 80)}"`,
    provider: image.provider,
    model: image.model,
    settings,
    previewImageId: image.id
  });
  if (!row) throw nameTaken(name);
  return toPresetDto({ ...row, previewThumbnailPath: image.thumbnailPath }, deps.storage);
}

/**
 * What the studio's form becomes when the actor applies a preset to `prompt`, counting the use. A built-in
 * the actor replaced applies as their copy.
 */
export async function applyPreset(deps: PresetDeps, actor: Actor, id: string, prompt: string): Promise<AppliedPreset> {
  const found = await findPreset(deps, actor, id);
  const copy = found.userId === null ? await findCopyOf(deps.db, actor.id, found.id) : undefined;
  const preset = copy ? await findPreset(deps, actor, copy.id) : found;
  await countPresetUse(deps.db, preset.id);
  const dto = toPresetDto({ ...preset, useCount: preset.useCount + 1 }, deps.storage);
  return {
    preset: dto,
    prompt: withPresetText(prompt, preset),
    provider: dto.provider,
    model: dto.model,
    settings: dto.settings
  };
}

async function findPreset(deps: PresetDeps, actor: Actor, id: string): Promise<PresetListRow> {
  const preset = await findUsablePreset(deps.db, actor.id, id);
  if (!preset) throw notFound(id);
  return preset;
}

async function copyBuiltIn(
  deps: PresetDeps,
  actor: Actor,
  builtIn: PresetListRow,
  patch: Partial<PresetFields>
): Promise<PresetDto> {
  const name = patch.name ?? builtIn.name;
  const row = await insertPreset(deps.db, {
    userId: actor.id,
    basedOnId: builtIn.id,
    name,
    description: builtIn.description,
    provider: builtIn.provider,
    model: builtIn.model,
    settings: builtIn.settings,
    promptPrefix: builtIn.promptPrefix,
    promptSuffix: builtIn.promptSuffix,
    previewPath: builtIn.previewPath,
    ...patch
  });
  if (!row) throw nameTaken(name);
  return toPresetDto(row, deps.storage);
}

async function updateOwn(deps: PresetDeps, actor: Actor, id: string, patch: Partial<PresetFields>): Promise<PresetDto> {
  const row = await updateOwnPreset(deps.db, actor.id, id, patch);
  if (!row) throw patch.name ? nameTaken(patch.name) : notFound(id);
  const withPreview = await findUsablePreset(deps.db, actor.id, row.id);
  return toPresetDto(withPreview ?? row, deps.storage);
}

function notFound(id: string): AppError {
  return new AppError('not_found', `No preset with id ${id}; list your presets to find the right id.`);
}

function nameTaken(name: string): AppError {
  return new AppError('validation', `You already have a preset named "${name}"; choose another name.`);
}
