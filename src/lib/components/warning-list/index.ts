import Root from './warning-list.svelte';

export { Root, Root as WarningList };
export type { WarningListProps } from './warning-list.svelte';
