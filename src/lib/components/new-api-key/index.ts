import Root from './new-api-key.svelte';

export { Root, Root as NewApiKey };
export type { NewApiKeyProps } from './new-api-key.svelte';
