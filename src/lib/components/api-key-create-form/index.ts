import Root from './api-key-create-form.svelte';

export { Root, Root as ApiKeyCreateForm };
export type { ApiKeyCreateFormProps } from './api-key-create-form.svelte';
