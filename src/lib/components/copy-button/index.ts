import Root from './copy-button.svelte';

export { Root, Root as CopyButton };
export type { CopyButtonProps } from './copy-button.svelte';
