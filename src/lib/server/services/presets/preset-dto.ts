import type { PresetListRow, StylePresetRow } from '../../db/repositories/style-presets';
import type { BlobStore } from '../../storage/types';

/** The knobs a preset may set; each is left out when the preset does not set it. */
export type PresetSettings = {
  size?: string;
  quality?: string;
  style?: string;
  negativePrompt?: string;
  steps?: number;
  cfgScale?: number;
};

const TEXT_KNOBS = ['size', 'quality', 'style', 'negativePrompt'] as const;
const NUMBER_KNOBS = ['steps', 'cfgScale'] as const;

/** The known knobs of a stored `settings` object, dropping anything else it holds. */
export function presetSettingsOf(settings: Record<string, unknown>): PresetSettings {
  const known: PresetSettings = {};
  for (const knob of TEXT_KNOBS) if (typeof settings[knob] === 'string') known[knob] = settings[knob];
  for (const knob of NUMBER_KNOBS) if (typeof settings[knob] === 'number') known[knob] = settings[knob];
  return known;
}

export type PresetDto = ReturnType<typeof toPresetDto>;

export function toPresetDto(
  row: StylePresetRow & Partial<Pick<PresetListRow, 'previewThumbnailPath'>>,
  storage: Pick<BlobStore, 'publicUrl'>
) {
  const previewUrl = row.previewThumbnailPath
    ? storage.publicUrl(row.previewThumbnailPath)
    : row.previewPath
      ? `/${row.previewPath}`
      : null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    provider: row.provider,
    model: row.model,
    settings: presetSettingsOf(row.settings),
    promptPrefix: row.promptPrefix,
    promptSuffix: row.promptSuffix,
    previewUrl,
    previewImageId: row.previewImageId,
    /** Everyone's preset, shipped with Atelier; editing it saves the user's own copy. */
    builtIn: row.userId === null,
    builtInKey: row.builtInKey,
    /** The built-in this copy replaces for its owner; deleting the copy brings the built-in back. */
    basedOnId: row.basedOnId,
    useCount: row.useCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString()
  };
}

/** The prompt with the preset's additions around it: prefix, prompt and suffix joined by commas. */
export function withPresetText(prompt: string, preset: Pick<StylePresetRow, 'promptPrefix' | 'promptSuffix'>): string {
  return [preset.promptPrefix, prompt, preset.promptSuffix]
    .map((part) => (part ?? '').replace(/^[\s,]+|[\s,]+$/g, ''))
    .filter((part) => part.length > 0)
    .join(', ');
}
