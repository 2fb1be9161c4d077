import Root from './api-key-list.svelte';
import ApiKeyRow from './api-key-row.svelte';

export { Root, ApiKeyRow, Root as ApiKeyList };
export type { ApiKeyListProps } from './api-key-list.svelte';
export type { ApiKeyRowProps } from './api-key-row.svelte';
