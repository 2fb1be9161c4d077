/**
 * Renders the preview of each built-in style preset once with the offline `local` provider (256×256, a
 * fixed seed) into `static/presets/<key>.webp`; the files are committed. Run it after changing a built-in:
 *   node --import tsx scripts/render-preset-previews.ts
 * The local provider paints colours, light and simple scenery from the prompt's words, not the subject, so
 * the previews show each preset's palette and mood; the studio says so next to them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { createLocalProvider } from '../src/lib/server/providers/local';
import { BUILT_IN_PRESETS, builtInPreviewPath, withPresetText } from '../src/lib/server/services/presets';

const SUBJECT = 'a quiet place';
const SEED = 7;
/** The local renderer's own looks nearest each preset (a preview setting only; presets stay portable). */
const LOCAL_STYLE: Record<string, string> = {
  cyberpunk: 'neon',
  watercolor: 'pastel',
  photographic: 'natural',
  'film-noir': 'monochrome',
  minimalist: 'pastel'
};

const provider = createLocalProvider();
await mkdir(join('static', 'presets'), { recursive: true });
for (const preset of BUILT_IN_PRESETS) {
  const { images } = await provider.generate({
    model: provider.defaultModel,
    prompt: withPresetText(SUBJECT, preset),
    width: 256,
    height: 256,
    count: 1,
    seed: SEED,
    style: LOCAL_STYLE[preset.key] ?? 'vivid'
  });
  const webp = await sharp(images[0]!.bytes).webp({ quality: 70 }).toBuffer();
  const path = join('static', builtInPreviewPath(preset.key));
  await writeFile(path, webp);
  console.log(`${path}: ${webp.length} bytes`);
}
process.exit(0);
