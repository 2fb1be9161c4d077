import Root from './recall-settings.svelte';

export { Root, Root as RecallSettings };
export type { RecallSettingsProps } from './recall-settings.svelte';
