import { upsertBuiltInPresets, type NewStylePresetRow } from '../../db/repositories/style-presets';
import type { Deps } from '../deps';
import type { PresetSettings } from './preset-dto';

type BuiltInPreset = {
  key: string;
  name: string;
  description: string;
  promptPrefix: string;
  promptSuffix: string;
  /** Only knobs every provider accepts (a model without one ignores it with a warning), so any provider works. */
  settings: PresetSettings;
};

/** The starting presets everyone sees. Their previews are `static/presets/<key>.webp` (scripts/render-preset-previews.ts). */
export const BUILT_IN_PRESETS: readonly BuiltInPreset[] = [
  {
    key: 'cyberpunk',
    name: 'Cyberpunk',
    description: 'Neon-lit night city, magenta and cyan glow, rain.',
    promptPrefix: 'cyberpunk scene',
    promptSuffix: 'neon magenta and cyan lights, night city, rain-slick streets, high contrast, cinematic',
    settings: { negativePrompt: 'daylight, pastel, washed out, blurry' }
  },
  {
    key: 'watercolor',
    name: 'Watercolor',
    description: 'Soft washes of colour on textured paper.',
    promptPrefix: 'watercolor painting of',
    promptSuffix: 'soft pastel washes, spring light, bleeding edges, textured paper',
    settings: { negativePrompt: 'photo, hard edges, 3d render, harsh shadows' }
  },
  {
    key: 'photographic',
    name: 'Photographic',
    description: 'Natural light, shallow depth of field, true colours.',
    promptPrefix: 'professional photograph of',
    promptSuffix: 'natural golden hour light, 50mm lens, shallow depth of field, sharp focus',
    settings: { negativePrompt: 'illustration, painting, cartoon, oversaturated, deformed' }
  },
  {
    key: 'anime',
    name: 'Anime',
    description: 'Clean line art, bright cel shading, blue skies.',
    promptPrefix: 'anime illustration of',
    promptSuffix: 'cel shading, clean line art, vibrant blue sky, bright colours, detailed background',
    settings: { negativePrompt: 'photorealistic, 3d, muddy colours, extra limbs' }
  },
  {
    key: 'pixel-art',
    name: 'Pixel art',
    description: 'Retro 16-bit sprites with a limited palette.',
    promptPrefix: 'pixel art of',
    promptSuffix: '16-bit retro game style, limited green and purple palette, crisp pixels',
    settings: { negativePrompt: 'blurry, smooth gradients, photorealistic, anti-aliasing' }
  },
  {
    key: 'oil-painting',
    name: 'Oil painting',
    description: 'Rich impasto brushwork in warm autumn tones.',
    promptPrefix: 'oil painting of',
    promptSuffix:
      'thick impasto brushstrokes, warm amber and crimson autumn tones, classical composition, canvas texture',
    settings: { negativePrompt: 'photo, flat colours, digital art, smooth' }
  },
  {
    key: 'isometric',
    name: 'Isometric',
    description: 'A tidy isometric diorama with soft shadows.',
    promptPrefix: 'isometric 3d diorama of',
    promptSuffix: 'clean geometric lines, soft teal and orange lighting, miniature, centered, tilt-shift',
    settings: { negativePrompt: 'perspective distortion, cluttered, blurry, photo' }
  },
  {
    key: 'film-noir',
    name: 'Film noir',
    description: 'Black-and-white 1940s crime drama, hard shadows.',
    promptPrefix: 'film noir still of',
    promptSuffix: 'black and white, dark night, dramatic hard shadows, venetian blind light, 1940s, grainy film',
    settings: { negativePrompt: 'colour, bright, cheerful, modern' }
  },
  {
    key: 'fantasy',
    name: 'Fantasy art',
    description: 'Epic painterly fantasy under a golden sky.',
    promptPrefix: 'epic fantasy artwork of',
    promptSuffix: 'golden sunset sky, misty mountains, magical glow, highly detailed, painterly',
    settings: { negativePrompt: 'modern, photo, low detail, flat' }
  },
  {
    key: 'minimalist',
    name: 'Minimalist',
    description: 'Flat shapes, lots of space, two or three colours.',
    promptPrefix: 'minimalist flat illustration of',
    promptSuffix: 'simple shapes, generous negative space, calm pale blue and white palette',
    settings: { negativePrompt: 'clutter, texture, detailed background, photo' }
  }
];

/** Where a built-in's preview is served from (`static/` is the site root). */
export function builtInPreviewPath(key: string): string {
  return `presets/${key}.webp`;
}

/** The rows of the built-ins: everyone's (no user), provider and model left to the studio's choice. */
export function builtInPresetRows(): NewStylePresetRow[] {
  return BUILT_IN_PRESETS.map((preset) => ({
    userId: null,
    builtInKey: preset.key,
    name: preset.name,
    description: preset.description,
    provider: null,
    model: null,
    settings: preset.settings,
    promptPrefix: preset.promptPrefix,
    promptSuffix: preset.promptSuffix,
    previewPath: builtInPreviewPath(preset.key)
  }));
}

/** Inserts the built-in presets, or refreshes their texts; safe on every start and from many instances at once. */
export async function installBuiltInPresets(deps: Pick<Deps, 'db'>): Promise<void> {
  await upsertBuiltInPresets(deps.db, builtInPresetRows());
}
