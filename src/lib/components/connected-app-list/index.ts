import Root from './connected-app-list.svelte';

export { Root, Root as ConnectedAppList };
export type { ConnectedAppListProps } from './connected-app-list.svelte';
