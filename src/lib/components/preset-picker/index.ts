import Root from './preset-picker.svelte';
import SavePresetButton from './save-preset-button.svelte';

export type { SavePresetButtonProps } from './save-preset-button.svelte';
export { Root, Root as PresetPicker, SavePresetButton };
