import Root from './download-menu.svelte';

export { Root, Root as DownloadMenu };
export type { DownloadMenuProps } from './download-menu.svelte';
