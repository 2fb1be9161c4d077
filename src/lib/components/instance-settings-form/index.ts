import Root from './instance-settings-form.svelte';

export { Root, Root as InstanceSettingsForm };
export type { InstanceSettingsFormProps } from './instance-settings-form.svelte';
