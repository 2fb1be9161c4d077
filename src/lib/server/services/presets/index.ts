import type { Deps } from '../deps';
import { installBuiltInPresets } from './built-in-presets';
import { installBuiltInTemplates } from './built-in-templates';

export * from './presets';
export * from './templates';
export { BUILT_IN_PRESETS, builtInPreviewPath } from './built-in-presets';
export { BUILT_IN_TEMPLATES } from './built-in-templates';
export { withPresetText, type PresetDto, type PresetSettings } from './preset-dto';

/** The built-in presets and templates, inserted or refreshed at start. */
export async function installBuiltIns(deps: Pick<Deps, 'db'>): Promise<void> {
  await installBuiltInPresets(deps);
  await installBuiltInTemplates(deps);
}
